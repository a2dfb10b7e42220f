using Tolerance.Contracts;
namespace Supervision.Api.Data;

/// <summary>An inspection as filing announced it: filed, then completed. Ratings and indicators read it.</summary>
public sealed class InspectionView
{
    public required string FilingNo { get; init; }
    public string? JointId { get; set; }
    public bool Unplanned { get; set; }
    public string CreditCode { get; set; } = "";
    public string LeadAgency { get; set; } = "";
    public List<string> Agencies { get; set; } = [];
    public DateTimeOffset? FiledAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Findings { get; set; }
    /// <summary>An emergency inspection completed by its written filing (<see cref="FilingNo"/> is its
    /// provisional number): it counts as an inspection, not as one filed beforehand.</summary>
    public bool Emergency { get; set; }
    /// <summary>The filing agency cancelled the filing before the inspection started.</summary>
    public DateTimeOffset? CancelledAt { get; set; }
}

/// <summary>A tolerance decision on a finding; penalties decide the rating stratum and the watch.</summary>
public sealed class DecisionView
{
    public Guid DecisionId { get; init; }
    public string FilingNo { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    public DecisionKind Kind { get; set; }
    public ToleranceOutcome? Outcome { get; set; }
    public bool Penalty { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Set aside by a corrected finding: counted nowhere, no penalty.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>Not tolerated, or tolerated with a lighter or mitigated penalty: a penalty all the same.</summary>
    public static bool IsPenalty(DecisionKind kind, ToleranceOutcome? outcome) =>
        kind == DecisionKind.NotTolerated || outcome is ToleranceOutcome.LighterPenalty or ToleranceOutcome.MitigatedPenalty;
}

/// <summary>A period's published plan figures, from planning.</summary>
public sealed class PlanView
{
    public required string Period { get; init; }
    public int DeclaredVisits { get; set; }
    public int Visits { get; set; }
    public int JointVisits { get; set; }
    public int SoloVisits { get; set; }
    public double ReductionRate { get; set; }
    /// <summary>The part of <see cref="ReductionRate"/> due to items the office cancelled as unnecessary; the rest is merging.</summary>
    public double ReductionByCancelling { get; set; }
    public double MergeableShareOfMatters { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>An emergency pre-filing and what became of its written filing.</summary>
public sealed class EmergencyView
{
    public required string ProvisionalNo { get; init; }
    public string AgencyCode { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? BackfilledAt { get; set; }
    public bool? BackfilledOnTime { get; set; }
    public DateTimeOffset? OverdueAt { get; set; }
    /// <summary>Withdrawn by its agency before the inspection ended: no written filing is due.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>An agency seen in the matter catalog: cards may name only these.</summary>
public sealed class KnownAgency
{
    public required string Code { get; init; }
}
