namespace Planning.Contracts;

/// <summary>The office published a numbered supplement (补充计划) to a period's plan: items declared
/// after publication, absorbed into or riding in published visits (same day, same lead) or in new
/// visits. One <see cref="JointInspectionScheduled"/> follows for each new visit and again, with the
/// same id and day, for each published visit that changed.</summary>
public sealed record PlanSupplemented(
    string Period,
    Guid ConsolidationId,
    Guid SupplementId,
    int Number,
    int DeclaredItems,
    int CancelledItems,
    int RodeInPublishedVisits,
    IReadOnlyList<string> ChangedJointIds,
    IReadOnlyList<string> NewJointIds,
    DateTimeOffset PublishedAt)
{
    public int Version { get; init; } = 1;
}
