using static ServiceDefaults.ChinaTime;

namespace Supervision.Api.Features.Todo;

/// <summary>Supervision's part of each person's to-do list, from the cases' states (一事一账), the
/// inspections completed and the retaliation watch. A case is on the list of whoever takes its next step
/// (<see cref="CaseWorkflow"/>); the step done, its state moves on and the item is gone. Items name the
/// case by its number and card type only: no submitter, words or day reach officials through the list.</summary>
public static class SupervisionTodo
{
    public static RouteHandlerBuilder MapSupervisionTodo(this RouteGroupBuilder api) => api.MapTodo<SupervisionDb>(
        CasesToSendForSignOff, CasesToAssign, CasesAwaitingInstruction, AssignedCasesToUpdate, AnswersToCards, InspectionsToRate,
        EscalatedCases, CasesToVerify, RetaliationFlagsToFollow);

    static readonly Dictionary<CardType, string> CardTypes = new()
    {
        [CardType.Misconduct] = "吃拿卡要", [CardType.RudeConduct] = "态度粗暴", [CardType.UnfiledInspection] = "未备案检查", [CardType.ReasonableDemand] = "合理诉求",
    };

    sealed record CaseRow(Guid Id, string CaseNo, CardType Type, DateTimeOffset Since, DateTimeOffset? LastUpdateAt, DateOnly? Deadline, int EscalationLevel);

    /// <summary>Cases in <paramref name="states"/> of <paramref name="query"/>, with when they reached their state (their latest step).</summary>
    static async Task<List<CaseRow>> CasesAsync(IQueryable<SupervisionCase> query, TodoContext context, CancellationToken ct, params CaseState[] states) =>
        (await query.AsNoTracking().Where(c => states.Contains(c.State))
            .Select(c => new { c.Id, c.CaseNo, c.Card.Type, Since = c.History.Max(h => (DateTimeOffset?)h.At) ?? c.OpenedAt, c.LastUpdateAt, c.Deadline, c.EscalationLevel })
            .OrderBy(c => c.Since).ThenBy(c => c.CaseNo).Take(context.Take).ToListAsync(ct))
        .Select(c => new CaseRow(c.Id, c.CaseNo, c.Type, c.Since, c.LastUpdateAt, c.Deadline, c.EscalationLevel)).ToList();

    static TaskItem CaseItem(string kind, string what, CaseRow c, DateOnly due) =>
        new(kind, $"{what}：案件 {c.CaseNo}（{CardTypes.GetValueOrDefault(c.Type, "监督卡")}）", due, $"#/case/{c.Id}", c.CaseNo);

    /// <summary>The weekly update is due a week after the last (or the assignment), and never after the case's deadline.</summary>
    static DateOnly UpdateDue(CaseRow c)
    {
        var weekly = Day((c.LastUpdateAt ?? c.Since) + CaseWorkflow.UpdateEvery);
        return c.Deadline is { } deadline && deadline < weekly ? deadline : weekly;
    }

    static async Task<IReadOnlyList<TaskItem>> CasesToSendForSignOff(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct) =>
        !actor.IsIn(Roles.Office) ? [] : [.. (await CasesAsync(db.Cases, context, ct, CaseState.Registered))
            .Select(c => CaseItem("case.sign-off", "撰写转办内容并送县领导签批", c, context.DueAfter(c.Since)))];

    static async Task<IReadOnlyList<TaskItem>> CasesToAssign(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct) =>
        !actor.IsIn(Roles.Office) ? [] : [.. (await CasesAsync(db.Cases, context, ct, CaseState.Instructed))
            .Select(c => CaseItem("case.assign", "按领导批示转办责任单位", c, context.DueAfter(c.Since)))];

    static async Task<IReadOnlyList<TaskItem>> CasesAwaitingInstruction(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct) =>
        !actor.IsIn(Roles.Leader) ? [] : [.. (await CasesAsync(db.Cases, context, ct, CaseState.SentForSignOff))
            .Select(c => CaseItem("case.instruct", "批示", c, context.DueAfter(c.Since)))];

    static async Task<IReadOnlyList<TaskItem>> AssignedCasesToUpdate(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Agency) || actor.AgencyCode is not { } agency) return [];
        return [.. (await CasesAsync(db.Cases.Where(c => c.AssignedTo == agency), context, ct, CaseState.Assigned, CaseState.InProgress))
            .Select(c => CaseItem("case.progress", c.Deadline is { } d ? $"每周进展更新，{d:yyyy-MM-dd} 前办结" : "每周进展更新", c, UpdateDue(c)))];
    }

    /// <summary>The submitter's case reported resolved: the answer is to read, and to reopen if it does not satisfy.</summary>
    static async Task<IReadOnlyList<TaskItem>> AnswersToCards(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Enterprise) || actor.CreditCode is not { } creditCode) return [];
        return [.. (await CasesAsync(db.Cases.Where(c => c.Card.SubmitterCreditCode == creditCode), context, ct, CaseState.Resolved))
            .Select(c => CaseItem("card.answer", "查看监督卡的办理答复（不满意可申请重新办理）", c, context.DueAfter(c.Since)))];
    }

    static async Task<IReadOnlyList<TaskItem>> InspectionsToRate(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Enterprise) || actor.CreditCode is not { } creditCode) return [];
        var rated = db.Evaluations.Select(e => e.FilingNo);
        var pending = await db.Inspections.AsNoTracking().Where(i => i.CreditCode == creditCode && i.CompletedAt != null && !rated.Contains(i.FilingNo))
            .OrderBy(i => i.CompletedAt).ThenBy(i => i.FilingNo).Take(context.Take).Select(i => new { i.FilingNo, i.CompletedAt }).ToListAsync(ct);
        return [.. pending.Select(i => new TaskItem("inspection.rate", $"评价检查：{i.FilingNo}", context.DueAfter(i.CompletedAt!.Value), "#/rate", i.FilingNo))];
    }

    /// <summary>A case escalated by the overdue sweep and still not resolved: the task force follows it up.</summary>
    static async Task<IReadOnlyList<TaskItem>> EscalatedCases(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct) =>
        !actor.IsIn(Roles.Discipline) ? [] : [.. (await CasesAsync(db.Cases.Where(c => c.EscalationLevel > 0), context, ct, CaseState.Assigned, CaseState.InProgress))
            .Select(c => CaseItem("case.escalated", $"跟踪督办（第{c.EscalationLevel}次提级）", c, UpdateDue(c)))];

    static async Task<IReadOnlyList<TaskItem>> CasesToVerify(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct) =>
        !actor.IsIn(Roles.Discipline) ? [] : [.. (await CasesAsync(db.Cases, context, ct, CaseState.Resolved))
            .Select(c => CaseItem("case.verify", "核验办理结果（跟踪问效）", c, context.DueAfter(c.Since)))];

    /// <summary>A retaliation flag of a case still open: the task force looks into it while it follows the case.</summary>
    static async Task<IReadOnlyList<TaskItem>> RetaliationFlagsToFollow(SupervisionDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Discipline)) return [];
        var open = db.Cases.Where(c => c.State != CaseState.Closed && c.State != CaseState.Rejected && c.State != CaseState.Verified);
        var flags = await db.RetaliationFlags.AsNoTracking().Join(open, f => f.CaseId, c => c.Id, (f, c) => new { f.Id, f.AgencyCode, f.Trigger, f.RaisedAt, c.CaseNo, CaseId = c.Id })
            .OrderBy(f => f.RaisedAt).ThenBy(f => f.Id).Take(context.Take).ToListAsync(ct);
        return [.. flags.Select(f => new TaskItem("retaliation.flag",
            $"核查打击报复预警：{f.AgencyCode} 在反映后对反映企业{(f.Trigger == RetaliationTrigger.Filing ? "备案检查" : "作出处罚")}（案件 {f.CaseNo}）",
            context.DueAfter(f.RaisedAt), $"#/case/{f.CaseId}", f.Id.ToString()))];
    }
}
