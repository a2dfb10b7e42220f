using Planning.Contracts;
using ServiceDefaults;

namespace Planning.Domain.Consolidation;

public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => From <= day && day <= To;
}

/// <summary>One declared inspection of one matter at one enterprise within a window.</summary>
public sealed record DeclaredItem(
    string DeclarationId,
    string AgencyCode,
    string MatterCode,
    string CreditCode,
    DateOnly From,
    DateOnly To,
    bool Mergeable,
    MandateLevel MandateLevel,
    InspectionCategory Category);

/// <summary>What the office can set. Without teams per day and yearly caps the enterprises are
/// independent and the result is provably minimal.</summary>
public sealed record ConsolidationLimits
{
    public int MaxAgenciesPerJointVisit { get; init; } = int.MaxValue;
    /// <summary>Inspection teams an agency can send out on one day, across all enterprises.</summary>
    public IReadOnlyDictionary<string, int> TeamsPerDay { get; init; } = new Dictionary<string, int>();
    /// <summary>Visits an agency may make to one enterprise in a year.</summary>
    public IReadOnlyDictionary<string, int> YearlyVisitCaps { get; init; } = new Dictionary<string, int>();
    /// <summary>Visits already planned this year (earlier periods), by agency and enterprise.</summary>
    public IReadOnlyDictionary<(string AgencyCode, string CreditCode), int> VisitsAlreadyThisYear { get; init; } = new Dictionary<(string, string), int>();
}

public sealed record ConsolidationInput(
    Period Period,
    IReadOnlyList<DeclaredItem> Items,
    IReadOnlyDictionary<string, IReadOnlyList<DateRange>> QuietPeriods,
    WorkingCalendar Calendar,
    ConsolidationLimits Limits,
    int MatterCount = 0,
    int MergeableMatterCount = 0)
{
    /// <summary>Declared items the office cancelled as unnecessary (不必要事项取消): counted as declared,
    /// never planned, shown in the merge log with the office's reason.</summary>
    public IReadOnlyList<CancelledItem> Cancelled { get; init; } = [];
}

/// <summary>One declared item (a declaration's matter at one enterprise) the office cancelled, and why.</summary>
public sealed record CancelledItem(string DeclarationId, string MatterCode, string CreditCode, string Reason);

public enum VisitKind { Joint, Solo }

/// <summary>One matter checked in a visit, with every declaration it absorbed.</summary>
public sealed record PlannedItem(
    string AgencyCode,
    string MatterCode,
    bool Mergeable,
    MandateLevel MandateLevel,
    InspectionCategory Category,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string> Declarations);

public sealed record PlannedVisit(
    string VisitId,
    string CreditCode,
    DateOnly Day,
    VisitKind Kind,
    string LeadAgency,
    IReadOnlyList<string> Agencies,
    IReadOnlyList<PlannedItem> Items);

public enum DecisionOutcome { Joint, Solo, RodeInSolo, Absorbed, Unscheduled, Pinned, Cancelled, RodeInPublished }

public enum DecisionReason
{
    MergedWithOtherAgencies,
    NonMergeable,
    NoOverlappingMergeableItem,
    AgencyLimitReached,
    RodeInOwnSoloVisit,
    DuplicateOfSameMatter,
    NoAllowedDay,
    TeamCapacity,
    YearlyCapReached,
    PinnedByOffice,
    Unnecessary,
    RodeInPublishedVisit,
}

/// <summary>Why a declared item ended where it did: the merge-decision log the office reviews.</summary>
public sealed record MergeDecision(
    string DeclarationId,
    string AgencyCode,
    string MatterCode,
    string CreditCode,
    DecisionOutcome Outcome,
    DecisionReason Reason,
    string? VisitId,
    string Explanation);

/// <summary>A run's figures, the counts (declared to planned, the bound and its gap) before the
/// shares. The published event carries a selection of them in its own order
/// (<c>PublishPlan.Published</c> is the one place that maps them); stored runs and responses
/// read them by name.</summary>
public sealed record ConsolidationFigures(
    int DeclaredVisits,
    int DeclaredItems,
    int ItemsAfterDedupe,
    int Visits,
    int JointVisits,
    int SoloVisits,
    int LowerBound,
    int Gap,
    int Unscheduled,
    double ReductionRate,
    double MergeableShareOfMatters,
    int CancelledItems = 0,
    double ReductionByCancelling = 0)
{
    /// <summary>The part of the reduction rate that merging achieved; the rest is cancelling. Derived,
    /// so runs stored before cancelling existed read as all merging.</summary>
    public double ReductionByMerging => Math.Round(ReductionRate - ReductionByCancelling, 4);
}

public sealed record ConsolidationResult(
    string Period,
    string AlgorithmVersion,
    IReadOnlyList<PlannedVisit> Visits,
    IReadOnlyList<MergeDecision> Decisions,
    ConsolidationFigures Figures);
