namespace Filing.Contracts;

/// <summary>An inspection was filed before it happens (园区执法检查备案): shown to the enterprise on
/// arrival through its verification code.</summary>
public sealed record InspectionFiled(
    string FilingNo,
    string? JointId,
    bool Unplanned,
    string CreditCode,
    string LeadAgency,
    IReadOnlyList<string> Agencies,
    IReadOnlyList<string> Matters,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset FiledAt)
{
    public int Version { get; init; } = 1;
}
