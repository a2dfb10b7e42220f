using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Supplementing;

/// <summary>A visit as the period's plan now stands, with the supplement that added it (null: the plan
/// itself), the last supplement that gave it more items, and why it is off if it was cancelled.</summary>
public sealed record CurrentVisit(PlannedVisit Visit, int? AddedBy, int? ChangedBy, string? CancelledBecause = null);

/// <summary>A period's published plan with its published supplements applied in order.</summary>
public sealed record PublishedPlan(ConsolidationRun Run, IReadOnlyList<Supplement> Supplements, IReadOnlyList<CurrentVisit> Visits)
{
    /// <summary>The visits that still take place.</summary>
    public IEnumerable<PlannedVisit> Standing => Visits.Where(v => v.CancelledBecause is null).Select(v => v.Visit);

    public static async Task<PublishedPlan?> LoadAsync(PlanningDb db, string period, CancellationToken ct)
    {
        var run = await db.Consolidations.AsNoTracking().FirstOrDefaultAsync(c => c.Period == period && c.Status == ConsolidationStatus.Published, ct);
        if (run is null) return null;
        var supplements = await db.Supplements.AsNoTracking().Where(s => s.Period == period && s.Status == ConsolidationStatus.Published).OrderBy(s => s.Number).ToListAsync(ct);
        var cancelled = await db.CancelledVisits.AsNoTracking().Where(c => c.Period == period).ToDictionaryAsync(c => c.JointId, c => c.Reason, StringComparer.Ordinal, ct);
        return new PublishedPlan(run, supplements, Apply(run, supplements).Select(c => c with { CancelledBecause = cancelled.GetValueOrDefault(c.Visit.VisitId) }).ToList());
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
