namespace Planning.Api.Data;

/// <summary>A park enterprise in the registry (园区企业), keyed by its credit code.</summary>
public sealed class Enterprise
{
    public required string CreditCode { get; init; }
    public required string Name { get; set; }
    public required string Zone { get; set; }
    public required string Industry { get; set; }
    public RiskLevel RiskLevel { get; set; }
    public List<QuietPeriod> QuietPeriods { get; set; } = [];
    /// <summary>1 when registered, one more with each change: orders the events consumers receive.</summary>
    public int Revision { get; set; } = 1;
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    public required string RegisteredBy { get; init; }
    public string? RegisteredVia { get; init; }
    /// <summary>The first day the enterprise is no longer in the park (deregistered); null while it is.</summary>
    public DateOnly? LeftOn { get; set; }
    public string? LeftReason { get; set; }
}
