namespace Tolerance.Contracts;

/// <summary>A finding was decided against the tolerance list (容错清单): tolerated (with the outcome
/// and the item applied), conditionally tolerated (with its deadline), or not tolerated.</summary>
public sealed record ToleranceDecisionIssued(
    Guid DecisionId,
    string FilingNo,
    int FindingIndex,
    string CreditCode,
    string AgencyCode,
    string MatterCode,
    DecisionKind Kind,
    ToleranceOutcome? Outcome,
    string? ItemCode,
    int ListVersion,
    DateOnly? ConditionDeadline,
    DateTimeOffset DecidedAt)
{
    public int Version { get; init; } = 1;
}
