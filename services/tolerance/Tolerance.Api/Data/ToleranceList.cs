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
    /// <summary>As corrected last: a corrected finding counts in the ledger as it truly was.</summary>
    public required string MatterCode { get; set; }
    public required string AgencyCode { get; init; }
    public DateOnly FoundOn { get; init; }
    public int Severity { get; set; }
}

/// <summary>A decision on one finding, from the engine's proposal through the enterprise's statement
/// and the legal review to its issue. <see cref="DecidedAt"/> is when the engine proposed it (the list's
/// order and the period it counts in); <see cref="IssuedAt"/> when the review issued it.</summary>
public sealed class ToleranceDecision
{
    public Guid Id { get; init; }
    public required string FilingNo { get; init; }
    public int FindingIndex { get; init; }
    public required string CreditCode { get; init; }
    public required string AgencyCode { get; init; }
    public required string MatterCode { get; init; }
    public DecisionKind Kind { get; set; }
    public ToleranceOutcome? Outcome { get; set; }
    public DecisionKind ProposedKind { get; init; }
    public ToleranceOutcome? ProposedOutcome { get; init; }
    public string? ItemCode { get; init; }
    public int ListVersion { get; init; }
    public string? LegalBasis { get; init; }
    public DateOnly? ConditionDeadline { get; set; }
    public List<ItemEvaluation> Evaluations { get; init; } = [];
    public required string ProposalReasoning { get; init; }
    public required string Reasoning { get; set; }
    public DateTimeOffset DecidedAt { get; init; }
    public DecisionStatus Status { get; set; }
    /// <summary>The last day the enterprise may state its case; none while the calendar of a year it runs into is missing.</summary>
    public DateOnly? StatementDueOn { get; set; }
    public int? CalendarMissingFor { get; set; }
    public string? Statement { get; set; }
    public DateTimeOffset? StatedAt { get; set; }
    public string? StatedBy { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public string? ReviewOpinion { get; set; }
    public bool Departed { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? RectifiedAt { get; set; }
    public string? RectifiedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The decision this one replaces, its finding having been corrected.</summary>
    public Guid? Supersedes { get; init; }
    public Guid? SupersededBy { get; set; }
    public DateTimeOffset? SupersededAt { get; set; }
    public string? CorrectionReason { get; set; }
}

/// <summary>A year's holidays and make-up workdays, as planning published them: the statement period's calendar.</summary>
public sealed class CalendarYear
{
    public int Year { get; init; }
    public int Version { get; set; }
    public List<DateOnly> Holidays { get; set; } = [];
    public List<DateOnly> MakeUpWorkdays { get; set; } = [];
}
