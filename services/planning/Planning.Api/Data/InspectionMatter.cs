using Planning.Domain.Consolidation;

namespace Planning.Api.Data;

/// <summary>One version of an inspection matter (涉企检查事项). A change adds a version; history
/// is never rewritten, so a past plan can always be explained by the catalog it used.</summary>
public sealed class MatterVersion
{
    public required string Code { get; init; }
    public int Version { get; init; }
    public required string AgencyCode { get; init; }
    public required string Name { get; init; }
    public InspectionCategory Category { get; init; }
    public bool Mergeable { get; init; }
    public required string LegalBasis { get; init; }
    public int YearlyCapPerEnterprise { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public required string ChangedBy { get; init; }

    public bool InEffectOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo);
}
