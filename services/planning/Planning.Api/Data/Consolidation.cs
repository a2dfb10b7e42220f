using Planning.Domain.Consolidation;

namespace Planning.Api.Data;

public enum ConsolidationStatus { Draft, Published, Superseded }

/// <summary>One consolidation run of a period (计划清单合并), reviewed and adjusted by the office,
/// then published. The result is kept whole, with the inputs' fingerprint, so a run can be
/// explained and reproduced later.</summary>
public sealed class ConsolidationRun
{
    public Guid Id { get; init; }
    public required string Period { get; init; }
    public ConsolidationStatus Status { get; set; }
    public required string AlgorithmVersion { get; init; }
    public required string InputHash { get; init; }
    public int MaxAgenciesPerJointVisit { get; init; }
    public required ConsolidationResult Result { get; set; }
    public List<string> Adjustments { get; set; } = [];
    /// <summary>Visits the office pinned: kept as they are when the period is consolidated again.</summary>
    public List<string> PinnedVisits { get; set; } = [];
    public DateTimeOffset RanAt { get; init; }
    public required string RanBy { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>How much of the plan anyone may read: the office's choice when it publishes.</summary>
    public PlanDetail PublicDetail { get; set; }
}

/// <summary>What the public plan shows of each visit's date: the day, or only the month (so that the
/// enterprise is not told the day of an inspection the office wants unannounced). Officials always see the day.</summary>
public enum PlanDetail { Day, Month }
