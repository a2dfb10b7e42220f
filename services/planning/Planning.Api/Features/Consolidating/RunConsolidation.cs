using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Planning.Api.Features.Cancelling;
using Planning.Api.Features.Registry;
using Planning.Api.Features.WorkingCalendar;
using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Consolidating;

public sealed record RunConsolidationRequest(int? MaxAgenciesPerJointVisit, bool? ApplyTeamsPerDay, bool? ApplyYearlyCaps, Guid? KeepPinnedFrom);

public sealed record ConsolidationSummary(Guid Id, string Period, ConsolidationStatus Status, string AlgorithmVersion, string InputHash,
    ConsolidationFigures Figures, IReadOnlyList<string> Adjustments, IReadOnlyList<string> PinnedVisits, DateTimeOffset RanAt, DateTimeOffset? PublishedAt)
{
    public static ConsolidationSummary From(ConsolidationRun run) =>
        new(run.Id, run.Period, run.Status, run.AlgorithmVersion, run.InputHash, run.Result.Figures, run.Adjustments, run.PinnedVisits, run.RanAt, run.PublishedAt);
}

public sealed record ConsolidationDetail(ConsolidationSummary Summary, IReadOnlyList<PlannedVisit> Visits, IReadOnlyList<MergeDecision> Decisions);

/// <summary>The office consolidates a period's declarations into the fewest visits (能简则简、应合尽合)
/// and reviews the result: before and after, the merge-decision log, the reduction rate, and the
/// lower bound that proves the count minimal or states the gap.</summary>
public static class RunConsolidation
{
    static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapConsolidations(this RouteGroupBuilder group)
    {
        group.MapPost("/", Run).RequireAuthorization(Roles.Office).WithSummary("合并计划清单 Consolidate the period's declarations (office)");
        group.MapGet("/", List).RequireAuthorization(Roles.Office).WithSummary("合并记录 The period's consolidation runs (office)");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Roles.Office).WithSummary("合并结果 One run: visits, merge-decision log, figures (office)");
        return group;
    }

    static async Task<Results<Created<ConsolidationDetail>, ValidationProblem, ProblemHttpResult>> Run(
        string period, RunConsolidationRequest? request, PlanningDb db, Actor actor, TimeProvider clock, IOptions<ConsolidationOptions> options, CancellationToken ct)
    {
        request ??= new RunConsolidationRequest(null, null, null, null);
        var v = new Validation();
        v.Period("period", period, out var periodOrNull);
        v.Require(request.MaxAgenciesPerJointVisit is null or (>= 1 and <= CountyAgencies.MostNamedAtOnce), "maxAgenciesPerJointVisit", "Between 1 and 60 agencies.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var parsed = periodOrNull!;

        var maxAgencies = request.MaxAgenciesPerJointVisit ?? options.Value.MaxAgenciesPerJointVisit;
        var input = await InputAsync(db, parsed, maxAgencies, request.ApplyTeamsPerDay ?? false, request.ApplyYearlyCaps ?? false, ct);
        if (input.Items.Count == 0)
            return Problems.Unprocessable("Nothing to consolidate.", new Dictionary<string, string[]> { ["period"] = [$"No declarations for {parsed}."] });

        var pinned = new List<PlannedVisit>();
        if (request.KeepPinnedFrom is { } earlier)
        {
            var previous = await db.Consolidations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == earlier && c.Period == parsed.Code, ct);
            if (previous is null) return Problems.Unprocessable("Unknown run.", new Dictionary<string, string[]> { ["keepPinnedFrom"] = [$"Period {parsed} has no run {earlier}."] });
            // A pinned visit that carries an item cancelled since is consolidated afresh.
            var cancelled = input.Cancelled.Select(c => (c.DeclarationId, c.MatterCode, c.CreditCode)).ToHashSet();
            pinned = previous.Result.Visits.Where(v => previous.PinnedVisits.Contains(v.VisitId)
                && !v.Items.Any(i => i.Declarations.Any(d => cancelled.Contains((d, i.MatterCode, v.CreditCode))))).ToList();
        }
        var result = Consolidator.Run(input, pinned);
        var run = new ConsolidationRun
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Period = parsed.Code,
            Status = ConsolidationStatus.Draft,
            AlgorithmVersion = result.AlgorithmVersion,
            InputHash = Hash(input),
            MaxAgenciesPerJointVisit = maxAgencies,
            Result = result,
            PinnedVisits = pinned.Select(v => v.VisitId).ToList(),
            RanAt = clock.GetUtcNow(),
            RanBy = actor.Subject,
        };
        db.Consolidations.Add(run);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/planning/periods/{run.Period}/consolidations/{run.Id}", Detail(run));
    }

    static async Task<ConsolidationInput> InputAsync(PlanningDb db, Period period, int maxAgencies, bool teams, bool caps, CancellationToken ct)
    {
        var declarations = await db.Declarations.AsNoTracking().Where(d => d.Period == period.Code && d.Status != DeclarationStatus.Withdrawn).ToListAsync(ct);
        var (items, quiet, calendar, matters) = await DeclaredAsync(db, period, declarations, ct);
        var agencies = await db.Agencies.AsNoTracking().ToListAsync(ct);
        var already = caps ? await VisitsAlreadyThisYearAsync(db, period, ct) : new Dictionary<(string, string), int>();
        var limits = new ConsolidationLimits
        {
            MaxAgenciesPerJointVisit = maxAgencies,
            TeamsPerDay = teams ? agencies.ToDictionary(a => a.Code, a => a.TeamsPerDay) : new Dictionary<string, int>(),
            YearlyVisitCaps = caps ? agencies.ToDictionary(a => a.Code, a => a.YearlyVisitCapPerEnterprise) : new Dictionary<string, int>(),
            VisitsAlreadyThisYear = already,
        };
        return new ConsolidationInput(period, items, quiet, calendar, limits, matters.Count, matters.Count(m => m.Mergeable))
        {
            Cancelled = await CancelItems.ForPeriodAsync(db, period.Code, ct),
        };
    }

    /// <summary>The declarations' items (one per matter and enterprise) and what scheduling them depends
    /// on: the enterprises' quiet periods, the working calendar of the period, the matters in force.</summary>
    public static async Task<(List<DeclaredItem> Items, Dictionary<string, IReadOnlyList<DateRange>> Quiet, Domain.WorkingCalendar Calendar, List<MatterVersion> Matters)> DeclaredAsync(
        PlanningDb db, Period period, IReadOnlyList<PlanDeclaration> declarations, CancellationToken ct)
    {
        var matters = await Matters.CurrentAsync(db, ct);
        var byCode = matters.ToDictionary(m => m.Code);
        var items = declarations
            .SelectMany(d => d.MatterCodes.SelectMany(m => d.CreditCodes.Select(e =>
                new DeclaredItem(d.Id, d.AgencyCode, m, e, d.WindowFrom, d.WindowTo, byCode.TryGetValue(m, out var matter) && matter.Mergeable, d.MandateLevel, d.Category))))
            .ToList();
        var enterprises = items.Select(i => i.CreditCode).Distinct().ToList();
        var quiet = (await db.Enterprises.AsNoTracking().Where(e => enterprises.Contains(e.CreditCode)).ToListAsync(ct))
            .Where(e => e.QuietPeriods.Count > 0)
            .ToDictionary(e => e.CreditCode, e => (IReadOnlyList<DateRange>)e.QuietPeriods.Select(q => new DateRange(q.From, q.To)).ToList());
        var calendar = await MaintainCalendar.ForYearsAsync(db, Enumerable.Range(period.From.Year, period.To.Year - period.From.Year + 1), ct);
        return (items, quiet, calendar, matters);
    }

    /// <summary>Visits of plans already published for other periods of the same year.</summary>
    static async Task<Dictionary<(string, string), int>> VisitsAlreadyThisYearAsync(PlanningDb db, Period period, CancellationToken ct)
    {
        var year = period.From.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var published = await db.Consolidations.AsNoTracking()
            .Where(c => c.Status == ConsolidationStatus.Published && c.Period != period.Code && c.Period.StartsWith(year)).ToListAsync(ct);
        return published.SelectMany(c => c.Result.Visits).SelectMany(v => v.Agencies.Select(a => (a, v.CreditCode)))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>A fingerprint of everything the run depended on, to show that a re-run saw the same input.</summary>
    static string Hash(ConsolidationInput input)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            period = input.Period.Code,
            items = input.Items.OrderBy(i => i.DeclarationId, StringComparer.Ordinal).ThenBy(i => i.MatterCode, StringComparer.Ordinal).ThenBy(i => i.CreditCode, StringComparer.Ordinal),
            quiet = input.QuietPeriods.OrderBy(q => q.Key, StringComparer.Ordinal),
            days = input.Calendar.WorkingDays(input.Period.From, input.Period.To),
            limits = new { input.Limits.MaxAgenciesPerJointVisit, teams = input.Limits.TeamsPerDay.OrderBy(t => t.Key, StringComparer.Ordinal), caps = input.Limits.YearlyVisitCaps.OrderBy(t => t.Key, StringComparer.Ordinal) },
        }, Canonical);
        // Only where the office cancelled something, so that runs without cancellations keep their fingerprint.
        if (input.Cancelled.Count > 0)
            canonical += JsonSerializer.Serialize(input.Cancelled.OrderBy(c => c.DeclarationId, StringComparer.Ordinal).ThenBy(c => c.MatterCode, StringComparer.Ordinal)
                .ThenBy(c => c.CreditCode, StringComparer.Ordinal), Canonical);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    static async Task<Ok<List<ConsolidationSummary>>> List(string period, PlanningDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Consolidations.AsNoTracking().Where(c => c.Period == period).OrderByDescending(c => c.RanAt).ToListAsync(ct))
            .Select(ConsolidationSummary.From).ToList());

    static async Task<Results<Ok<ConsolidationDetail>, ProblemHttpResult>> Get(string period, Guid id, PlanningDb db, CancellationToken ct)
    {
        var run = await db.Consolidations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.Period == period, ct);
        return run is null ? Problems.NotFound("No such consolidation.", $"Period {period} has no run {id}.") : TypedResults.Ok(Detail(run));
    }

    public static ConsolidationDetail Detail(ConsolidationRun run) => new(ConsolidationSummary.From(run), run.Result.Visits, run.Result.Decisions);
}
