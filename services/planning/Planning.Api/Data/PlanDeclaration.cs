using Planning.Domain.Consolidation;

namespace Planning.Api.Data;

/// <summary>Declared stands until the agency withdraws it; whether it was consolidated is told by
/// <see cref="PlanDeclaration.PublishedIn"/>, not by a status of its own.</summary>
public enum DeclarationStatus { Declared, Withdrawn }

/// <summary>An agency's declared planned inspections for a period (园区执法计划申报表). The agency may
/// amend or withdraw it until a published plan (or supplement) takes it in; each amendment raises
/// the revision and keeps the version it replaced.</summary>
public sealed class PlanDeclaration
{
    public required string Id { get; init; }
    public required string Period { get; init; }
    public required string AgencyCode { get; init; }
    public List<string> MatterCodes { get; set; } = [];
    public List<string> CreditCodes { get; set; } = [];
    public Guid? DrawId { get; set; }
    public DateOnly WindowFrom { get; set; }
    public DateOnly WindowTo { get; set; }
    public MandateLevel MandateLevel { get; set; }
    public InspectionCategory Category { get; set; }
    public required string Method { get; set; }
    public List<string> CooperatingAgencies { get; set; } = [];
    public DateTimeOffset DeclaredAt { get; init; }
    public required string DeclaredBy { get; init; }
    public string? DeclaredVia { get; init; }

    public DeclarationStatus Status { get; set; }
    /// <summary>1 when declared, one more for each amendment.</summary>
    public int Revision { get; set; } = 1;
    /// <summary>The versions amendments replaced, oldest first: history is kept, not edited.</summary>
    public List<DeclarationRevision> EarlierRevisions { get; set; } = [];
    public DateTimeOffset? AmendedAt { get; set; }
    public string? AmendedBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawalReason { get; set; }
    /// <summary>The published plan that took the declaration in, and its supplement's number when a
    /// supplementary plan did; from then on it is fixed.</summary>
    public PublishedIn? PublishedIn { get; set; }
    /// <summary>PostgreSQL's row version: an amendment and a publication racing for the same row cannot both win.</summary>
    public uint RowVersion { get; set; }

    public DeclarationRevision Snapshot() => new(Revision, MatterCodes, CreditCodes, DrawId, WindowFrom, WindowTo, MandateLevel, Category, Method, CooperatingAgencies,
        AmendedAt ?? DeclaredAt, AmendedBy ?? DeclaredBy);
}

public sealed record DeclarationRevision(int Revision, IReadOnlyList<string> MatterCodes, IReadOnlyList<string> CreditCodes, Guid? DrawId, DateOnly WindowFrom, DateOnly WindowTo,
    MandateLevel MandateLevel, InspectionCategory Category, string Method, IReadOnlyList<string> CooperatingAgencies, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record PublishedIn(Guid ConsolidationId, int? Supplement, DateTimeOffset At);
