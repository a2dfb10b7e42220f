namespace Filing.Contracts;

/// <summary>The filing agency cancelled a filing before the inspection started, with its reason: the
/// inspection will not take place, its verification code answers "revoked", and it no longer counts
/// toward the enterprise's yearly cap.</summary>
public sealed record FilingCancelled(
    string FilingNo,
    string? JointId,
    string CreditCode,
    string LeadAgency,
    IReadOnlyList<string> Agencies,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Reason,
    DateTimeOffset CancelledAt)
{
    public int Version { get; init; } = 1;
}

/// <summary>The filing agency moved a filing to a new window before the inspection started, with its
/// reason; the previous window is kept for the record.</summary>
public sealed record FilingRescheduled(
    string FilingNo,
    string? JointId,
    string CreditCode,
    string LeadAgency,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset PreviousWindowStart,
    DateTimeOffset PreviousWindowEnd,
    string Reason,
    DateTimeOffset RescheduledAt)
{
    public int Version { get; init; } = 1;
}

/// <summary>A filing was accepted although it takes a matter past its yearly cap of inspections at the
/// enterprise, because the office allows that with an alert (<c>Filing:AcceptOverCapWithAlert</c>).</summary>
public sealed record YearlyCapExceeded(
    string FilingNo,
    string CreditCode,
    string LeadAgency,
    IReadOnlyList<string> MatterCodes,
    int Year,
    DateTimeOffset RaisedAt)
{
    public int Version { get; init; } = 1;
}
