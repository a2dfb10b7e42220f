namespace Planning.Contracts;

/// <summary>The office published a period's consolidated plan (园区执法检查工作计划清单); one
/// <see cref="JointInspectionScheduled"/> follows for each of its visits.</summary>
public sealed record PlanPublished(
    string Period,
    Guid ConsolidationId,
    int DeclaredVisits,
    int Visits,
    int JointVisits,
    int SoloVisits,
    double ReductionRate,
    double MergeableShareOfMatters,
    int LowerBound,
    DateTimeOffset PublishedAt)
{
    public int Version { get; init; } = 1;

    /// <summary>Declared items the office cancelled as unnecessary (不必要事项取消); absent from
    /// publishers that predate cancelling.</summary>
    public int? CancelledItems { get; init; }

    /// <summary>The reduction rate split by its cause: merging and cancelling add up to it.</summary>
    public double? ReductionByMerging { get; init; }

    public double? ReductionByCancelling { get; init; }
}
