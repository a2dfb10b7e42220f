namespace Filing.Contracts;

/// <summary>An emergency inspection was pre-filed orally, approved by the agency's deputy head
/// (紧急情况口头申请备案); the written filing must follow within 5 working days of its end.</summary>
public sealed record EmergencyPreFiled(string ProvisionalNo, string AgencyCode, string CreditCode, string ApprovedBy, string Reason, DateTimeOffset ApprovedAt)
{
    public int Version { get; init; } = 1;
}

/// <summary>The written filing of an emergency inspection was not made by its deadline. Raised once.</summary>
public sealed record BackfillOverdue(string ProvisionalNo, string AgencyCode, string CreditCode, DateOnly Deadline, DateTimeOffset RaisedAt)
{
    public int Version { get; init; } = 1;
}

/// <summary>An enterprise refused (or reports) an inspection attempted without a valid filing (企业可以拒绝检查).</summary>
public sealed record UnfiledInspectionReported(Guid RefusalId, string CreditCode, string? AgencyCode, string? CodeShown, string Description, DateTimeOffset OccurredAt, DateTimeOffset ReportedAt)
{
    public int Version { get; init; } = 1;
}

/// <summary>The written filing of an emergency inspection was made (书面补报), in time or late;
/// supervision counts on-time written filings from it.</summary>
public sealed record EmergencyBackfilled(string ProvisionalNo, string AgencyCode, string CreditCode, DateOnly Deadline, DateTimeOffset BackfilledAt, bool OnTime)
{
    public int Version { get; init; } = 1;
}

/// <summary>The agency withdrew an emergency pre-filing, with its reason, before the inspection ended
/// (recorded in error, or the emergency did not take place): no written filing is due for it.</summary>
public sealed record EmergencyWithdrawn(string ProvisionalNo, string AgencyCode, string CreditCode, string Reason, DateTimeOffset WithdrawnAt)
{
    public int Version { get; init; } = 1;
}
