using Planning.Domain.Consolidation;

namespace Planning.Api.Data;

/// <summary>An agency's declared planned inspections for a period (园区执法计划申报表).</summary>
public sealed class PlanDeclaration
{
    public required string Id { get; init; }
    public required string Period { get; init; }
    public required string AgencyCode { get; init; }
    public List<string> MatterCodes { get; init; } = [];
    public List<string> CreditCodes { get; init; } = [];
    public Guid? DrawId { get; init; }
    public DateOnly WindowFrom { get; init; }
    public DateOnly WindowTo { get; init; }
    public MandateLevel MandateLevel { get; init; }
    public InspectionCategory Category { get; init; }
    public required string Method { get; init; }
    public List<string> CooperatingAgencies { get; init; } = [];
    public DateTimeOffset DeclaredAt { get; init; }
    public required string DeclaredBy { get; init; }
    public string? DeclaredVia { get; init; }
}
