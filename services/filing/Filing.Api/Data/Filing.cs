namespace Filing.Api.Data;

/// <summary>Where a filing stands. An unplanned filing that names other agencies awaits their
/// confirmation (<see cref="AwaitingConfirmation"/>) and is filed only once every one of them confirmed.</summary>
public enum FilingStatus { Filed, Started, Completed, Revoked, AwaitingConfirmation }

public sealed record Participant(string AgencyCode, string Name);

public sealed record FiledMatter(string MatterCode, string Name, string AgencyCode);

public sealed record FiledInspector(string Name, string CertificateNo, string AgencyCode);

/// <summary>A participating agency agreed to take part in an unplanned inspection another agency filed.</summary>
public sealed record ParticipantConfirmation(string AgencyCode, DateTimeOffset ConfirmedAt, string ConfirmedBy);

/// <summary>A filing moved to a new window before it started: the window it had, the one it has, and why.</summary>
public sealed record FilingReschedule(DateTimeOffset PreviousWindowStart, DateTimeOffset PreviousWindowEnd, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    string Reason, DateTimeOffset RescheduledAt, string RescheduledBy);

/// <summary>The filing form (园区执法检查备案表): made before the inspection, verified by the
/// enterprise on arrival; the inspection's start, end and findings are recorded on it.</summary>
public sealed class InspectionFiling
{
    public required string FilingNo { get; init; }
    public required string VerificationCode { get; init; }
    public string? JointId { get; init; }
    public string? UnplannedReason { get; init; }
    public required string CreditCode { get; init; }
    public required string EnterpriseName { get; init; }
    public required string LeadAgency { get; init; }
    public List<Participant> Agencies { get; init; } = [];
    public List<FiledMatter> Matters { get; init; } = [];
    public List<FiledInspector> Inspectors { get; init; } = [];
    /// <summary>The agencies, other than the filing one, that confirmed they take part in an unplanned inspection.</summary>
    public List<ParticipantConfirmation> Confirmations { get; init; } = [];
    /// <summary>The window in force; a reschedule moves it and keeps the earlier one in <see cref="Reschedules"/>.</summary>
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public List<FilingReschedule> Reschedules { get; set; } = [];
    public FilingStatus Status { get; set; }
    /// <summary>Filed although a matter's yearly cap at the enterprise was reached, because the office
    /// allows it (<c>Filing:AcceptOverCapWithAlert</c>): the office sees the alert.</summary>
    public bool OverYearlyCap { get; init; }
    public DateTimeOffset FiledAt { get; init; }
    public required string FiledBy { get; init; }
    public string? FiledVia { get; init; }
    /// <summary>The agency system's <c>Idempotency-Key</c>: a filing sent again after a lost answer is
    /// the same filing, never a second one.</summary>
    public string? RequestKey { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public string? StartedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public List<Finding> Findings { get; set; } = [];
    /// <summary>Set when the filing agency cancelled it before it started (status <see cref="FilingStatus.Revoked"/>).</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
    public string? CancellationReason { get; set; }
}

/// <summary>The last number an agency gave in a year in one series — filings (备案编号, "BA") and
/// emergency pre-filings (紧急备案, "JJ"): numbers are consecutive, handed out under the row's lock,
/// so concurrent requests never compute the same one.</summary>
public sealed class FilingNumber
{
    public const string Filing = "BA", Emergency = "JJ";

    public required string Series { get; init; }
    public required string AgencyCode { get; init; }
    public int Year { get; init; }
    public int LastNumber { get; set; }
}
