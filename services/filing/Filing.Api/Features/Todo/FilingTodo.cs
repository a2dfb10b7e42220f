using Filing.Api.Features.Emergency;
using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Todo;

/// <summary>Filing's part of each person's to-do list, from its own filings, pre-filings, alerts and the
/// visits of the published plan: the lead agency files each visit of the coming days before it happens and
/// files an emergency in writing by its deadline; the office looks into a filing past a matter's yearly
/// cap before the inspection starts; the enterprise sees the inspections filed at it for the coming days.</summary>
public static class FilingTodo
{
    public static RouteHandlerBuilder MapFilingTodo(this RouteGroupBuilder api) =>
        api.MapTodo<FilingDb>(VisitsToFile, EmergenciesToFileInWriting, CapAlertsToLookInto, InspectionsComing);

    /// <summary>A visit led by the agency, its day within the coming days and its window still open, with no filing in force.</summary>
    static async Task<IReadOnlyList<TaskItem>> VisitsToFile(FilingDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Agency) || actor.AgencyCode is not { } agency) return [];
        var horizon = context.Today.AddDays(context.Options.ComingDays);
        var filed = db.Filings.Where(f => f.JointId != null && f.Status != FilingStatus.Revoked).Select(f => f.JointId);
        var visits = await db.Visits.AsNoTracking()
            .Where(v => v.LeadAgency == agency && v.Day <= horizon && v.WindowTo >= context.Today && !filed.Contains(v.JointId))
            .OrderBy(v => v.Day).ThenBy(v => v.JointId).Take(context.Take)
            .Select(v => new { v.JointId, v.EnterpriseName, v.Day, v.Solo }).ToListAsync(ct);
        return [.. visits.Select(v => new TaskItem("visit.file", $"为{(v.Solo ? "单独" : "联合")}检查备案：{v.EnterpriseName}（计划 {v.Day:yyyy-MM-dd}）", v.Day,
            $"#/file/{Uri.EscapeDataString(v.JointId)}", v.JointId))];
    }

    /// <summary>An emergency of the agency neither filed in writing nor withdrawn: due by its backfill deadline
    /// (5 working days), or, while the office has not entered the calendar that deadline needs, by the day it counts from.</summary>
    static async Task<IReadOnlyList<TaskItem>> EmergenciesToFileInWriting(FilingDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Agency) || actor.AgencyCode is not { } agency) return [];
        var due = await db.Emergencies.AsNoTracking().Where(e => e.AgencyCode == agency && e.BackfilledAt == null && e.WithdrawnAt == null)
            .OrderBy(e => e.BackfillDeadline).ThenBy(e => e.ProvisionalNo).Take(context.Take)
            .Select(e => new { e.ProvisionalNo, e.EnterpriseName, e.BackfillDeadline, e.DeadlineCountsFrom, e.ExpectedEndAt }).ToListAsync(ct);
        return [.. due.Select(e => new TaskItem("emergency.backfill",
            $"书面补报紧急检查：{e.EnterpriseName}（{EmergencyPreFilings.BackfillWorkingDays}个工作日内，{(e.BackfillDeadline is { } d ? $"{d:yyyy-MM-dd} 前" : "待营商办录入工作日历后确定期限")}）",
            e.BackfillDeadline ?? e.DeadlineCountsFrom ?? Day(e.ExpectedEndAt), "#/record", e.ProvisionalNo))];
    }

    /// <summary>A filing accepted past a matter's yearly cap whose inspection has not started: the office looks into it before it does.</summary>
    static async Task<IReadOnlyList<TaskItem>> CapAlertsToLookInto(FilingDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Office)) return [];
        var alerts = await db.YearlyCapAlerts.AsNoTracking()
            .Join(db.Filings.Where(f => f.Status == FilingStatus.Filed), a => a.FilingNo, f => f.FilingNo, (a, f) => new { a.FilingNo, a.EnterpriseName, a.LeadAgency, f.WindowStart })
            .OrderBy(a => a.WindowStart).ThenBy(a => a.FilingNo).Take(context.Take).ToListAsync(ct);
        return [.. alerts.Select(a => new TaskItem("filing.cap-alert", $"核查超频次检查预警：{a.EnterpriseName}（{a.LeadAgency} 备案，检查尚未开始）", Day(a.WindowStart),
            "#/filings", a.FilingNo))];
    }

    /// <summary>An inspection filed at the enterprise, starting within the coming days and not started yet.</summary>
    static async Task<IReadOnlyList<TaskItem>> InspectionsComing(FilingDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Enterprise) || actor.CreditCode is not { } creditCode) return [];
        var horizon = StartOfDay(context.Today.AddDays(context.Options.ComingDays + 1));
        var coming = await db.Filings.AsNoTracking()
            .Where(f => f.CreditCode == creditCode && f.Status == FilingStatus.Filed && f.WindowStart < horizon && f.WindowEnd >= context.Now)
            .OrderBy(f => f.WindowStart).ThenBy(f => f.FilingNo).Take(context.Take)
            .Select(f => new { f.FilingNo, f.LeadAgency, f.Agencies, f.WindowStart }).ToListAsync(ct);
        return [.. coming.Select(f => new TaskItem("inspection.coming",
            $"迎接检查：{f.Agencies.FirstOrDefault(a => a.AgencyCode == f.LeadAgency)?.Name ?? f.LeadAgency}（{f.WindowStart.ToOffset(Offset):yyyy-MM-dd HH:mm} 起），到场时核验备案",
            Day(f.WindowStart), "#/verify", f.FilingNo))];
    }
}
