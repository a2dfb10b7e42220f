namespace Tolerance.Contracts;

/// <summary>A conditional decision was revoked: the rectification it depended on was not confirmed
/// by its deadline. Raised once per decision.</summary>
public sealed record ToleranceDecisionRevoked(Guid DecisionId, string FilingNo, int FindingIndex, string CreditCode, string AgencyCode, DateOnly Deadline, DateTimeOffset RevokedAt)
{
    public int Version { get; init; } = 1;
}
