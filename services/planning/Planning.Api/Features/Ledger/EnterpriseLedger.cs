using Planning.Api.Features.Consolidating;
using Planning.Api.Features.Supplementing;

namespace Planning.Api.Features.Ledger;

public sealed record LedgerDeclared(string DeclarationId, string AgencyCode, string AgencyName, IReadOnlyList<string> Matters, DateOnly WindowFrom, DateOnly WindowTo, string MandateLevel);

public sealed record LedgerVisit(string JointId, DateOnly Day, string Kind, string LeadAgency, IReadOnlyList<string> Agencies, IReadOnlyList<string> Matters);

public sealed record LedgerHappened(string FilingNo, string? JointId, string LeadAgency, IReadOnlyList<string> Agencies, int Findings, int RectifiedOnTheSpot, DateTimeOffset CompletedAt);

/// <summary>A filing cancelled by its agency before the inspection: it did not happen.</summary>
public sealed record LedgerCancelled(string FilingNo, string? JointId, string LeadAgency, IReadOnlyList<string> Agencies, DateTimeOffset WindowStart, string Reason, DateTimeOffset CancelledAt);

public sealed record LedgerResponse(string CreditCode, string EnterpriseName, string Period, int DeclaredVisits, int VisitsAfter, int InspectionsHappened, bool PlanPublished,
    IReadOnlyList<LedgerDeclared> Declared, IReadOnlyList<LedgerVisit> Visits, IReadOnlyList<LedgerHappened> Happened, IReadOnlyList<LedgerCancelled> Cancelled);

/// <summary>一企一账: per enterprise and period, the inspections declared for it before
/// consolidation, the visits planned after, the inspections that actually took place, and the filings
/// cancelled before they did. The
/// enterprise sees its own; the office all.</summary>
public static class EnterpriseLedger
{
    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder group)
    {
        group.MapGet("/{creditCode}/ledger", Get).RequireAuthorization().WithSummary("一企一账 An enterprise's inspections before and after consolidation (the enterprise, the office)");
        return group;
    }

    static async Task<Results<Ok<LedgerResponse>, ValidationProblem, ProblemHttpResult>> Get(string creditCode, string? period, PlanningDb db, Actor actor, CancellationToken ct)
    {
        if (!(actor.IsIn(Roles.Office) || (actor.IsIn(Roles.Enterprise) && actor.CreditCode == creditCode)))
            return Problems.Forbidden("An enterprise's ledger is for the enterprise itself and the office.");
        var v = new Validation().CreditCode("creditCode", creditCode).Period("period", period, out var parsed);
        if (!v.IsValid || parsed is null) return TypedResults.ValidationProblem(v.Errors);
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == creditCode, ct);
        if (enterprise is null) return Problems.NotFound("No such enterprise in the registry.", $"No enterprise has credit code {creditCode}.");

        var names = await PublishPlan.NamesAsync(db, ct);
        var declared = (await db.Declarations.AsNoTracking().Where(d => d.Period == parsed.Code && d.CreditCodes.Contains(creditCode)).OrderBy(d => d.Id).ToListAsync(ct))
            .Select(d => new LedgerDeclared(d.Id, d.AgencyCode, names.Agencies.GetValueOrDefault(d.AgencyCode, d.AgencyCode),
                d.MatterCodes.Select(m => names.Matters.GetValueOrDefault(m, m)).ToList(), d.WindowFrom, d.WindowTo, d.MandateLevel.ToString()))
            .ToList();
        var plan = await PublishedPlan.LoadAsync(db, parsed.Code, ct);
        var visits = (plan?.Standing ?? []).Where(v => v.CreditCode == creditCode)
            .Select(v => new LedgerVisit(v.VisitId, v.Day, v.Kind.ToString(), v.LeadAgency, v.Agencies.Select(a => names.Agencies.GetValueOrDefault(a, a)).ToList(),
                v.Items.Select(i => names.Matters.GetValueOrDefault(i.MatterCode, i.MatterCode)).ToList()))
            .ToList();
        var (from, to) = (ChinaTime.StartOfDay(parsed.From), ChinaTime.StartOfDay(parsed.To.AddDays(1)));
        var happened = (await db.CompletedInspections.AsNoTracking().Where(c => c.CreditCode == creditCode && c.StartedAt >= from && c.StartedAt < to).OrderBy(c => c.StartedAt).ToListAsync(ct))
            .Select(c => new LedgerHappened(c.FilingNo, c.JointId, names.Agencies.GetValueOrDefault(c.LeadAgency, c.LeadAgency),
                c.Agencies.Select(a => names.Agencies.GetValueOrDefault(a, a)).ToList(), c.Findings, c.RectifiedOnTheSpot, c.CompletedAt))
            .ToList();
        var cancelled = (await db.CancelledFilings.AsNoTracking().Where(c => c.CreditCode == creditCode && c.WindowStart >= from && c.WindowStart < to).OrderBy(c => c.WindowStart).ToListAsync(ct))
            .Select(c => new LedgerCancelled(c.FilingNo, c.JointId, names.Agencies.GetValueOrDefault(c.LeadAgency, c.LeadAgency),
                c.Agencies.Select(a => names.Agencies.GetValueOrDefault(a, a)).ToList(), c.WindowStart, c.Reason, c.CancelledAt))
            .ToList();
        return TypedResults.Ok(new LedgerResponse(creditCode, enterprise.Name, parsed.Code, declared.Count, visits.Count, happened.Count, plan is not null, declared, visits, happened, cancelled));
    }
}
