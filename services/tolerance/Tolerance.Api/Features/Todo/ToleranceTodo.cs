namespace Tolerance.Api.Features.Todo;

/// <summary>Tolerance's part of the agency's to-do list: a conditional decision on one of its findings
/// awaits the agency's confirmation that the enterprise rectified, by the condition's deadline (after it
/// the decision is revoked).</summary>
public static class ToleranceTodo
{
    public static RouteHandlerBuilder MapToleranceTodo(this RouteGroupBuilder api) => api.MapTodo<ToleranceDb>(RectificationsToConfirm);

    static async Task<IReadOnlyList<TaskItem>> RectificationsToConfirm(ToleranceDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Agency) || actor.AgencyCode is not { } agency) return [];
        var awaiting = await db.Decisions.AsNoTracking()
            .Where(d => d.AgencyCode == agency && d.Kind == DecisionKind.ConditionallyTolerated && d.Status == DecisionStatus.Active && d.RectifiedAt == null)
            .OrderBy(d => d.ConditionDeadline).ThenBy(d => d.FilingNo).ThenBy(d => d.FindingIndex).Take(context.Take)
            .Select(d => new { d.Id, d.FilingNo, d.MatterCode, d.ConditionDeadline, d.DecidedAt }).ToListAsync(ct);
        return [.. awaiting.Select(d => new TaskItem("decision.rectification", $"确认整改：备案 {d.FilingNo} 发现的问题（事项 {d.MatterCode}）",
            d.ConditionDeadline ?? context.DueAfter(d.DecidedAt), "#/decisions", d.Id.ToString()))];
    }
}
