namespace Planning.Contracts;

/// <summary>A visit of the published plan: one enterprise, one day, a lead agency and its
/// participants, the matters checked. Solo visits are published too, flagged as such.</summary>
public sealed record JointInspectionScheduled(
    string JointId,
    string Period,
    string CreditCode,
    string EnterpriseName,
    DateOnly Day,
    DateOnly WindowFrom,
    DateOnly WindowTo,
    bool Solo,
    string LeadAgency,
    IReadOnlyList<ScheduledAgency> Agencies,
    IReadOnlyList<ScheduledMatter> Matters,
    DateTimeOffset PublishedAt)
{
    public int Version { get; init; } = 1;
}

public sealed record ScheduledAgency(string AgencyCode, string Name);

public sealed record ScheduledMatter(string MatterCode, string Name, string AgencyCode, bool Mergeable, MandateLevel MandateLevel, IReadOnlyList<string> Declarations);
