using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Supplementing;

/// <summary>A visit as the period's plan now stands, with the supplement that added it (null: the plan
/// itself) and the last supplement that gave it more items.</summary>
public sealed record CurrentVisit(PlannedVisit Visit, int? AddedBy, int? ChangedBy);

/// <summary>A period's published plan with its published supplements applied in order.</summary>
public sealed record PublishedPlan(ConsolidationRun Run, IReadOnlyList<Supplement> Supplements, IReadOnlyList<CurrentVisit> Visits)
{
    public static async Task<PublishedPlan?> LoadAsync(PlanningDb db, string period, CancellationToken ct)
    {
        var run = await db.Consolidations.AsNoTracking().FirstOrDefaultAsync(c => c.Period == period && c.Status == ConsolidationStatus.Published, ct);
        if (run is null) return null;
        var supplements = await db.Supplements.AsNoTracking().Where(s => s.Period == period && s.Status == ConsolidationStatus.Published).OrderBy(s => s.Number).ToListAsync(ct);
        return new PublishedPlan(run, supplements, Apply(run, supplements));
    }

    static List<CurrentVisit> Apply(ConsolidationRun run, IReadOnlyList<Supplement> supplements)
    {
        var visits = run.Result.Visits.Select(v => new CurrentVisit(v, null, null)).ToList();
        foreach (var supplement in supplements)
        {
            var changed = supplement.Result.ChangedVisits.ToDictionary(v => v.VisitId, StringComparer.Ordinal);
            visits = visits.Select(c => changed.TryGetValue(c.Visit.VisitId, out var v) ? c with { Visit = v, ChangedBy = supplement.Number } : c)
                .Concat(supplement.Result.NewVisits.Select(v => new CurrentVisit(v, supplement.Number, null)))
                .ToList();
        }
        return visits;
    }
}
