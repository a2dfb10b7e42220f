namespace Planning.Contracts;

/// <summary>A new version of an inspection matter (涉企检查事项) took effect in the catalog; versions
/// are never rewritten, so consumers keep every version they were told of.</summary>
public sealed record MatterCatalogChanged(
    string MatterCode,
    int MatterVersion,
    string AgencyCode,
    string Name,
    InspectionCategory Category,
    bool Mergeable,
    string LegalBasis,
    int YearlyCapPerEnterprise,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    DateTimeOffset ChangedAt)
{
    public int Version { get; init; } = 1;
}
