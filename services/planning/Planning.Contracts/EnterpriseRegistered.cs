namespace Planning.Contracts;

/// <summary>A park enterprise was entered in the registry (园区企业); from now on it may be
/// declared for, filed for and inspected.</summary>
public sealed record EnterpriseRegistered(
    string CreditCode,
    string Name,
    string Zone,
    string Industry,
    RiskLevel RiskLevel,
    IReadOnlyList<QuietPeriod> QuietPeriods,
    DateTimeOffset RegisteredAt)
{
    public int Version { get; init; } = 1;
}

/// <summary>Days the enterprise is not to be disturbed (无事不扰), both ends included.</summary>
public sealed record QuietPeriod(DateOnly From, DateOnly To, string Reason);
