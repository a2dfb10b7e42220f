namespace Planning.Api.Data;

/// <summary>A filing its agency cancelled before the inspection took place, as filing announced it: the
/// enterprise's ledger shows what was filed and did not go ahead, and why.</summary>
public sealed class CancelledFiling
{
    public required string FilingNo { get; init; }
    public string? JointId { get; init; }
    public required string CreditCode { get; init; }
    public required string LeadAgency { get; init; }
    public List<string> Agencies { get; init; } = [];
    public DateTimeOffset WindowStart { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset CancelledAt { get; init; }
}
