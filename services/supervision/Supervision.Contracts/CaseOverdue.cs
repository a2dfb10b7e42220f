namespace Supervision.Contracts;

/// <summary>An assigned case missed its weekly update (每周更新) or its deadline (限期落实), or a case
/// waited too long for sign-off or instruction (then it has no unit yet and <see cref="LastUpdateAt"/>
/// is when the wait began); raised once per lapse and escalated one level each time.</summary>
public sealed record CaseOverdue(Guid CaseId, string CaseNo, string? AssignedTo, OverdueReason Reason, DateOnly? Deadline, DateTimeOffset LastUpdateAt, int EscalationLevel, DateTimeOffset RaisedAt)
{
    public int Version { get; init; } = 1;
}
