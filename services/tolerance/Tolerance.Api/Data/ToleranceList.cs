namespace Tolerance.Api.Data;

public enum ListStatus { Draft, Published }

/// <summary>A version of the tolerance list: the office edits the draft and publishes it; every
/// decision cites the published version it applied, and published versions never change.</summary>
public sealed class ToleranceListVersion
{
    public int Version { get; init; }
    public ListStatus Status { get; set; }
    public List<ToleranceItem> Items { get; set; } = [];
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>Every agency's findings, by enterprise and matter: the first-violation ledger.</summary>
public sealed class LedgerFinding
{
    public required string FilingNo { get; init; }
    public int FindingIndex { get; init; }
    public required string CreditCode { get; init; }
    public required string MatterCode { get; init; }
    public required string AgencyCode { get; init; }
    public DateOnly FoundOn { get; init; }
    public int Severity { get; init; }
}

public enum DecisionStatus { Active, Revoked }

public sealed class ToleranceDecision
{
    public Guid Id { get; init; }
    public required string FilingNo { get; init; }
    public int FindingIndex { get; init; }
    public required string CreditCode { get; init; }
    public required string AgencyCode { get; init; }
    public required string MatterCode { get; init; }
    public DecisionKind Kind { get; init; }
    public ToleranceOutcome? Outcome { get; init; }
    public string? ItemCode { get; init; }
    public int ListVersion { get; init; }
    public string? LegalBasis { get; init; }
    public DateOnly? ConditionDeadline { get; init; }
    public List<ItemEvaluation> Evaluations { get; init; } = [];
    public required string Reasoning { get; init; }
    public DateTimeOffset DecidedAt { get; init; }
    public DecisionStatus Status { get; set; }
    public DateTimeOffset? RectifiedAt { get; set; }
    public string? RectifiedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
