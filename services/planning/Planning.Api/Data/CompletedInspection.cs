namespace Planning.Api.Data;

/// <summary>What actually happened at an enterprise, from filing's <c>InspectionCompleted</c>: the
/// third column of the enterprise ledger (一企一账), beside what was declared and what was planned.</summary>
public sealed class CompletedInspection
{
    public required string FilingNo { get; init; }
    public string? JointId { get; init; }
    public required string CreditCode { get; init; }
    public required string LeadAgency { get; init; }
    public List<string> Agencies { get; init; } = [];
    public int Findings { get; init; }
    public int RectifiedOnTheSpot { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
}
