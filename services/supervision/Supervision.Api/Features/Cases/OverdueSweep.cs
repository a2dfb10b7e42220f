using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Supervision.Api.Features.Cases;

/// <summary>Flags assigned cases whose weekly update (每周更新) is missing or whose deadline (限期) has
/// passed, and cases that waited for sign-off (送签) or for the leader's instruction (批示) beyond their
/// limits (<see cref="SupervisionOptions"/>, calendar days): once per lapse (a missed week is referenced
/// by the update it followed, a deadline by itself, a wait by the moment it began), raising <see cref="CaseOverdue"/>, writing the step into the history and escalating the
/// case one level (level 1: the office and the leader; 2 and more: the task force follows up).
/// Run as a <see cref="Sweep"/>: racing replicas skip each other's locked cases; the flag's key stops a
/// second raise.</summary>
public static class OverdueSweep
{
    public const string Route = "/sweeps/overdue-cases";
    static readonly string[] Open = [nameof(CaseState.Assigned), nameof(CaseState.InProgress)];

    static DateTimeOffset WeekBefore(SweepMoment at) => at.Now.AddDays(-7);

    /// <summary>The sweep's settings: a sweep is given its database only, which resolves them from the application.</summary>
    static WaitingLimits Limits(SupervisionDb db) => db.GetService<IOptions<SupervisionOptions>>().Value.Waiting;

    public static IQueryable<SupervisionCase> Lapsed(SupervisionDb db, SweepMoment at)
    {
        var limits = Limits(db);
        var (signOffSince, instructionSince) = CaseResponse.WaitsLapsedBefore(at.Now, limits);
        return db.Cases.FromSql($"""
            SELECT * FROM cases
            WHERE (state = ANY({Open}) AND (last_update_at < {WeekBefore(at)} OR deadline < {at.Today}
                   OR EXISTS (SELECT 1 FROM joint_units u WHERE u.case_id = cases.id AND u.last_update_at < {WeekBefore(at)})))
               OR (state = {nameof(CaseState.Registered)} AND COALESCE(state_since, opened_at) < {signOffSince})
               OR (state = {nameof(CaseState.SentForSignOff)} AND COALESCE(state_since, opened_at) < {instructionSince})
            ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED
            """);
    }

    public static async Task<int> FlagAsync(SupervisionDb db, IReadOnlyList<SupervisionCase> lapsed, SweepMoment at, CancellationToken ct)
    {
        var (now, today, weekAgo, limits) = (at.Now, at.Today, WeekBefore(at), Limits(db));
        var ids = lapsed.Select(c => c.Id).ToList();
        var raised = await db.OverdueFlags.AsNoTracking().Where(f => ids.Contains(f.CaseId)).Select(f => new { f.CaseId, f.Reason, f.Unit, f.Reference }).ToListAsync(ct);
        var joint = await db.JointUnits.Where(u => ids.Contains(u.CaseId) && u.LastUpdateAt < weekAgo).ToListAsync(ct);
        var sequences = await db.History.Where(h => ids.Contains(h.CaseId)).GroupBy(h => h.CaseId).Select(g => new { g.Key, Last = g.Max(h => h.Sequence) })
            .ToDictionaryAsync(x => x.Key, x => x.Last, ct);

        var count = 0;
        foreach (var c in lapsed)
        {
            var lapses = new List<(OverdueReason Reason, DateTimeOffset Reference, string Note, string Unit)>();
            // Only the day a wait began is told, never its moment (CaseWorkflow.IsWaitingTooLong).
            var waitingSince = ChinaTime.StartOfDay(ChinaTime.Day(c.StateSince ?? c.OpenedAt));
            if (CaseWorkflow.IsWaitingTooLong(c.State, ChinaTime.Day(waitingSince), ChinaTime.Day(now), limits))
                lapses.Add(c.State == CaseState.Registered
                    ? (OverdueReason.SignOffWaiting, waitingSince, $"立案后超过{limits.SignOffDays}天未送签", "")
                    : (OverdueReason.InstructionWaiting, waitingSince, $"送签后超过{limits.InstructionDays}天未获领导批示", ""));
            if (c.State is CaseState.Assigned or CaseState.InProgress && c.LastUpdateAt is { } last && last < weekAgo)
                lapses.Add((OverdueReason.NoWeeklyUpdate, last, $"自 {ChinaTime.Day(last):yyyy-MM-dd} 起超过7天未报送进展", ""));
            // Each joint unit answers for its own weekly update.
            if (c.State is CaseState.Assigned or CaseState.InProgress)
                foreach (var u in joint.Where(u => u.CaseId == c.Id).OrderBy(u => u.AgencyCode))
                    lapses.Add((OverdueReason.NoWeeklyUpdate, u.LastUpdateAt, $"协办单位 {u.AgencyCode} 自 {ChinaTime.Day(u.LastUpdateAt):yyyy-MM-dd} 起超过7天未报送进展", u.AgencyCode));
            if (c.State is CaseState.Assigned or CaseState.InProgress && c.Deadline is { } deadline && deadline < today)
                lapses.Add((OverdueReason.DeadlinePassed, ChinaTime.StartOfDay(deadline), $"已过办理期限 {deadline:yyyy-MM-dd} 仍未办结", ""));
            foreach (var (reason, reference, note, unit) in lapses)
            {
                if (raised.Any(r => r.CaseId == c.Id && r.Reason == reason && r.Unit == unit && r.Reference == reference)) continue;
                c.EscalationLevel++;
                c.Revision++;
                db.OverdueFlags.Add(new OverdueFlag { CaseId = c.Id, Reason = reason, Unit = unit, Reference = reference, EscalationLevel = c.EscalationLevel, RaisedAt = now });
                sequences[c.Id] = sequences.GetValueOrDefault(c.Id) + 1;
                db.History.Add(new CaseHistoryEntry
                {
                    CaseId = c.Id, Sequence = sequences[c.Id], Action = "Overdue", From = c.State, To = c.State, ActorRole = "system", ActorId = "overdue-sweep",
                    At = now, Note = $"{note}，第{c.EscalationLevel}次提级督办（{(c.EscalationLevel >= 2 ? "专责小组跟踪问效" : "营商办及县领导督办")}）",
                });
                db.EnqueueEvent(new CaseOverdue(c.Id, c.CaseNo, unit == "" ? c.AssignedTo : unit, reason, c.Deadline, unit == "" ? c.LastUpdateAt ?? waitingSince : reference, c.EscalationLevel, now), at.Clock);
                count++;
            }
        }
        return count;
    }
}
