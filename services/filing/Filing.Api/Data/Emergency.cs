namespace Filing.Api.Data;

/// <summary>An oral pre-filing of an emergency inspection and, later, its written filing.</summary>
public sealed class EmergencyPreFiling
{
    public required string ProvisionalNo { get; init; }
    public required string AgencyCode { get; init; }
    public required string CreditCode { get; init; }
    public required string EnterpriseName { get; init; }
    /// <summary>The deputy head (分管负责人) who approved it orally.</summary>
    public required string ApprovedBy { get; init; }
    public DateTimeOffset ApprovedAt { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    /// <summary>When the agency expected it to end, stated with the pre-filing: an end not recorded by
    /// then (plus <see cref="FilingOptions.EndGracePeriod"/>) leaves the written filing due as if it ended then.</summary>
    public DateTimeOffset ExpectedEndAt { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Due from the pre-filing on, as if it ends when expected; moved only by an end recorded in time.</summary>
    public DateOnly? BackfillDeadline { get; set; }
    /// <summary>The day the deadline counts from (the expected end's, or the end recorded in time).</summary>
    public DateOnly? DeadlineCountsFrom { get; set; }
    /// <summary>The year whose working calendar the deadline needs and the office has not entered: until
    /// it does, <see cref="BackfillDeadline"/> is unknown and the office is shown the gap.</summary>
    public int? CalendarMissingFor { get; set; }
    public DateTimeOffset? BackfilledAt { get; set; }
    public string? BackfilledBy { get; set; }
    public List<FiledMatter> Matters { get; set; } = [];
    public List<FiledInspector> Inspectors { get; set; } = [];
    public string? Findings { get; set; }
    public DateTimeOffset? OverdueRaisedAt { get; set; }
    /// <summary>Withdrawn by the agency, with its reason, before the inspection ended: no written filing is due.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawalReason { get; set; }
}

/// <summary>An enterprise's report of an inspection attempted without a valid filing.</summary>
public sealed class Refusal
{
    public Guid Id { get; init; }
    public required string CreditCode { get; init; }
    public string? AgencyCode { get; init; }
    public string? CodeShown { get; init; }
    public required string Description { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset ReportedAt { get; init; }
    public required string ReportedBy { get; init; }
}
