namespace Filing.Contracts;

/// <summary>A filed inspection took place and its findings were recorded (检查结果). An emergency's
/// written filing (<see cref="Emergency"/>) completes its inspection the same way: <see cref="FilingNo"/>
/// is then the emergency's provisional number.</summary>
public sealed record InspectionCompleted(
    string FilingNo,
    string? JointId,
    string CreditCode,
    string LeadAgency,
    IReadOnlyList<string> Agencies,
    bool Joint,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    bool Emergency = false)
{
    public int Version { get; init; } = 1;
}

/// <summary>A problem found (发现问题): rectified on the spot (立行立改) or with a deadline, and
/// whether it caused harmful consequences (危害后果), which decides tolerance: all stated by the
/// inspector, none assumed.</summary>
public sealed record Finding(
    string MatterCode,
    string AgencyCode,
    string Description,
    int Severity,
    bool RectifiedOnTheSpot,
    DateOnly? RectificationDeadline,
    bool HarmCaused);
