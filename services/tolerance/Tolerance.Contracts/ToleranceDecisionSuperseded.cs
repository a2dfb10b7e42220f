namespace Tolerance.Contracts;

/// <summary>An issued decision was set aside because its finding was corrected (wrong matter, wrong
/// severity…): <see cref="SupersededBy"/> is the new decision proposed on the corrected finding, which
/// issues in its turn (<see cref="ToleranceDecisionIssued"/>). Both are kept; whatever counted the old
/// decision stops counting it.</summary>
public sealed record ToleranceDecisionSuperseded(
    Guid DecisionId,
    Guid SupersededBy,
    string FilingNo,
    int FindingIndex,
    string CreditCode,
    string AgencyCode,
    string Reason,
    DateTimeOffset SupersededAt)
{
    public int Version { get; init; } = 1;
}
