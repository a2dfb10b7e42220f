namespace Planning.Contracts;

/// <summary>The office corrected a registered enterprise. <see cref="Revision"/> orders the changes
/// (registration is revision 1): a consumer keeps the highest it has seen, whatever order they arrive in.</summary>
public sealed record EnterpriseChanged(
    string CreditCode,
    int Revision,
    string Name,
    string Zone,
    string Industry,
    RiskLevel RiskLevel,
    IReadOnlyList<QuietPeriod> QuietPeriods,
    DateTimeOffset ChangedAt)
{
    public int Version { get; init; } = 1;
}
