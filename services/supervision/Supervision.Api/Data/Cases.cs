namespace Supervision.Api.Data;

/// <summary>The tracked case of one card (一事一账): where it stands now. Its steps are in
/// <see cref="CaseHistoryEntry"/>, which the database refuses to update or delete.</summary>
public sealed class SupervisionCase
{
    public Guid Id { get; init; }
    public required string CaseNo { get; init; }
    public Guid CardId { get; init; }
    public SupervisionCard Card { get; init; } = null!;
    public CaseState State { get; set; }
    /// <summary>转办内容: what the office wrote when it last sent the case for sign-off. All that the leader,
    /// the accused agency and the responsible unit read of the card unless its submitter consented to be
    /// named; each forwarding's text also stays in the history.</summary>
    public string? ForwardedSummary { get; set; }
    /// <summary>The responsible unit (责任单位) the case was transferred to.</summary>
    public string? AssignedTo { get; set; }
    /// <summary>The deadline (限期) in force: the assignment's, or the latest extension the office granted.</summary>
    public DateOnly? Deadline { get; set; }
    /// <summary>The deadline the responsible unit asked for (延期申请) while the office has not answered.</summary>
    public DateOnly? ExtensionRequested { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    /// <summary>When the case entered its state (null: since it was opened): how long it has waited for
    /// sign-off or for the leader's instruction.</summary>
    public DateTimeOffset? StateSince { get; set; }
    /// <summary>The assignment or the latest weekly update: the weekly clock runs from here.</summary>
    public DateTimeOffset? LastUpdateAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int EscalationLevel { get; set; }
    /// <summary>The case this one was merged into (合并), its card being a duplicate of that case's.</summary>
    public Guid? MergedInto { get; set; }
    /// <summary>Optimistic concurrency: two officials acting on one case at once, the second gets 409.</summary>
    public int Revision { get; set; }
    public List<CaseHistoryEntry> History { get; init; } = [];
    /// <summary>The joint units (协办单位) handling the case with the responsible unit, each on its own weekly clock.</summary>
    public List<JointUnit> JointUnits { get; init; } = [];
}

/// <summary>An agency handling a case jointly with its responsible unit: since when, and its latest weekly
/// update (每周更新), from which its own weekly clock runs. Who added it and why is in the history.</summary>
public sealed class JointUnit
{
    public Guid CaseId { get; init; }
    public required string AgencyCode { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
    public DateTimeOffset LastUpdateAt { get; set; }
}

/// <summary>One step of a case, written once: who (role, id, client, address), when, what, and the
/// text (instruction, update, reason, resolution). Steps by the system (opened, overdue) have the
/// role "system".</summary>
public sealed class CaseHistoryEntry
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public int Sequence { get; init; }
    public required string Action { get; init; }
    public CaseState From { get; init; }
    public CaseState To { get; init; }
    public required string ActorRole { get; init; }
    public required string ActorId { get; init; }
    public string? ActorClient { get; init; }
    public string? ActorAddress { get; init; }
    public DateTimeOffset At { get; init; }
    public string Note { get; init; } = "";
    public string? AssignedTo { get; init; }
    public DateOnly? Deadline { get; init; }
}

/// <summary>One lapse flagged by the overdue sweep: a missed weekly update (referenced by the update it
/// followed), a passed deadline (referenced by the deadline), or a wait for sign-off or instruction
/// beyond its limit (referenced by the moment the wait began). Unique, so raised once.</summary>
public sealed class OverdueFlag
{
    public Guid CaseId { get; init; }
    public required OverdueReason Reason { get; init; }
    /// <summary>The unit that missed its weekly update: the responsible unit's lapses (and the case's own) have "", a joint unit's its code.</summary>
    public string Unit { get; init; } = "";
    public DateTimeOffset Reference { get; init; }
    public int EscalationLevel { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}

/// <summary>Retaliation watch (打击报复预警): after a card against an agency, a new filing or a penalty
/// by that agency at the submitting enterprise within the watch window.</summary>
/// <summary>What happened to a complainant after its card: an inspection filed at it, or a penalty.</summary>
public enum RetaliationTrigger { Filing, Penalty }

public sealed class RetaliationFlag
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public required string AgencyCode { get; init; }
    public required string CreditCode { get; init; }
    public required RetaliationTrigger Trigger { get; init; }
    /// <summary>The filing number or the decision id.</summary>
    public required string Reference { get; init; }
    /// <summary>A filing of a visit of the published plan (declared before the card, less suspicious) or not.</summary>
    public bool Planned { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    /// <summary>The flagged filing was cancelled before the inspection took place: the task force sees it, the flag stays.</summary>
    public DateTimeOffset? FilingCancelledAt { get; set; }
}
