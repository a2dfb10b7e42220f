using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Figures;

public sealed record AgencyFigures(string AgencyCode, int Inspections, int Solo, int Joint, int SoloLastYear, double? SoloChange);

public sealed record FiguresResponse(string Period, int Inspections, int Solo, int Joint, int SoloLastYear, double? SoloChange,
    int EmergencyInspections, double? FilingCoverage, int WrittenFilingsDue, int WrittenFilingsOnTime, double? OnTimeRate, IReadOnlyList<AgencyFigures> Agencies,
    int YearlyCapAlerts, IReadOnlyList<int> YearsWithoutCalendar);

/// <summary>The reform's filing figures per period: inspections made alone versus jointly and the
/// year-on-year change of solo ones (the county reported −66.7%), filing coverage (inspections filed
/// in writing before they started ÷ all, emergencies being the ones that were not), and written
/// filings of emergencies made on time.</summary>
public static class FilingFigures
{
    public static RouteGroupBuilder MapFigures(this RouteGroupBuilder group)
    {
        group.MapGet("/", Get).RequireAuthorization().WithSummary("备案指标 Filing figures of a period (the office all agencies, an agency its own)");
        return group;
    }

    static async Task<Results<Ok<FiguresResponse>, ValidationProblem, ProblemHttpResult>> Get(string? period, FilingDb db, Actor actor, TimeProvider clock,
        IOptions<FilingOptions> options, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
        var range = (parsed.From, parsed.To);
        string? only = null;
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Leader) || actor.IsIn(Roles.Discipline)) { }
        else if (actor.IsIn(Roles.Agency)) only = actor.AgencyCode;
        else return Problems.Forbidden("Figures are for the office, leaders, the task force and each agency.");

        var lastYear = (range.From.AddYears(-1), range.To.AddYears(-1));
        var completed = await Completed(db, range, only, ct);
        var before = await Completed(db, lastYear, only, ct);
        var emergencies = await db.Emergencies.AsNoTracking().Where(e => e.WithdrawnAt == null && (only == null || e.AgencyCode == only)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        // An emergency whose end was never recorded ended, for the figures as for its deadline, when it was expected to.
        DateTimeOffset? End(EmergencyPreFiling e) => e.EndedAt ?? (now > e.ExpectedEndAt + options.Value.EndGracePeriod ? e.ExpectedEndAt : null);
        var inPeriod = emergencies.Where(e => End(e) is { } end && Day(end) >= range.From && Day(end) <= range.To).ToList();
        var today = Day(now);
        var due = inPeriod.Where(e => e.BackfillDeadline < today || e.BackfilledAt is not null).ToList();
        var onTime = due.Count(e => e.BackfilledAt is { } at && Day(at) <= e.BackfillDeadline);

        var agencies = completed.Concat(before).Select(f => f.LeadAgency).Distinct().Order(StringComparer.Ordinal)
            .Select(a =>
            {
                var mine = completed.Where(f => f.LeadAgency == a).ToList();
                var solo = mine.Count(f => f.Agencies.Count == 1);
                var soloBefore = before.Count(f => f.LeadAgency == a && f.Agencies.Count == 1);
                return new AgencyFigures(a, mine.Count, solo, mine.Count - solo, soloBefore, Change(solo, soloBefore));
            }).ToList();
        var soloNow = completed.Count(f => f.Agencies.Count == 1);
        var soloThen = before.Count(f => f.Agencies.Count == 1);
        var all = completed.Count + inPeriod.Count;
        var (alertsFrom, alertsTo) = (StartOfDay(range.From), StartOfDay(range.To.AddDays(1)));
        var capAlerts = await db.YearlyCapAlerts.CountAsync(a => a.RaisedAt >= alertsFrom && a.RaisedAt < alertsTo && (only == null || a.LeadAgency == only), ct);
        return TypedResults.Ok(new FiguresResponse(period!, completed.Count, soloNow, completed.Count - soloNow, soloThen, Change(soloNow, soloThen),
            inPeriod.Count, all == 0 ? null : Math.Round((double)completed.Count / all, 4), due.Count, onTime, due.Count == 0 ? null : Math.Round((double)onTime / due.Count, 4), agencies, capAlerts,
            [.. (await Features.Calendar.CalendarGaps.FindAsync(db, today, ct)).Select(g => g.Year)]));
    }

    static double? Change(int now, int before) => before == 0 ? null : Math.Round((double)(now - before) / before, 4);

    static async Task<List<InspectionFiling>> Completed(FilingDb db, (DateOnly From, DateOnly To) range, string? only, CancellationToken ct)
    {
        var from = StartOfDay(range.From);
        var to = StartOfDay(range.To.AddDays(1));
        return await db.Filings.AsNoTracking()
            .Where(f => f.Status == FilingStatus.Completed && f.WindowStart >= from && f.WindowStart < to && (only == null || f.LeadAgency == only))
            .ToListAsync(ct);
    }
}
