namespace Planning.Api.Features.Todo;

/// <summary>The office's part of the plan in its to-do list: a period whose declarations changed since its
/// last consolidation (or were never consolidated) is to consolidate; a period whose latest run saw every
/// change and is not published is to publish. Both are due before the period starts, and a consolidation
/// also the office's working days after the declaration deadline when it set one.</summary>
public static class PlanningTodo
{
    public static RouteHandlerBuilder MapPlanningTodo(this RouteGroupBuilder api) => api.MapTodo<PlanningDb>(DeclarationsToConsolidate, PlansToPublish);

    sealed record PeriodState(string Period, int Open, DateTimeOffset? LastChange, ConsolidationRun? LatestRun, DateOnly? DeadlineLastDay);

    /// <summary>Each period without a published plan that has declarations still open: how they last changed and its latest run.</summary>
    static async Task<List<PeriodState>> UnpublishedAsync(PlanningDb db, CancellationToken ct)
    {
        var published = db.Consolidations.Where(c => c.Status == ConsolidationStatus.Published).Select(c => c.Period);
        var declarations = await db.Declarations.AsNoTracking().Where(d => !published.Contains(d.Period))
            .Select(d => new { d.Period, d.Status, d.PublishedIn, d.DeclaredAt, d.AmendedAt, d.WithdrawnAt }).ToListAsync(ct);
        var periods = declarations.Where(d => d.Status == DeclarationStatus.Declared && d.PublishedIn is null).Select(d => d.Period).Distinct().ToList();
        var cancelled = await db.Cancellations.AsNoTracking().Where(c => periods.Contains(c.Period)).GroupBy(c => c.Period)
            .Select(g => new { Period = g.Key, At = g.Max(c => c.CancelledAt) }).ToDictionaryAsync(c => c.Period, c => c.At, ct);
        var runs = (await db.Consolidations.AsNoTracking().Where(c => periods.Contains(c.Period) && c.Status == ConsolidationStatus.Draft).ToListAsync(ct))
            .GroupBy(c => c.Period).ToDictionary(g => g.Key, g => g.MaxBy(c => c.RanAt)!);
        var deadlines = await db.DeclarationDeadlines.AsNoTracking().Where(d => periods.Contains(d.Period)).ToDictionaryAsync(d => d.Period, d => d.LastDay, ct);
        return periods.Select(p =>
        {
            var of = declarations.Where(d => d.Period == p).ToList();
            var changes = of.Select(d => new[] { d.DeclaredAt, d.AmendedAt ?? d.DeclaredAt, d.WithdrawnAt ?? d.DeclaredAt }.Max())
                .Append(cancelled.TryGetValue(p, out var at) ? at : DateTimeOffset.MinValue);
            return new PeriodState(p, of.Count(d => d.Status == DeclarationStatus.Declared && d.PublishedIn is null), changes.Max(), runs.GetValueOrDefault(p),
                deadlines.TryGetValue(p, out var last) ? last : null);
        }).ToList();
    }

    static DateOnly Start(string period) => Period.TryParse(period, out var p) ? p.From : DateOnly.MaxValue;

    static async Task<IReadOnlyList<TaskItem>> DeclarationsToConsolidate(PlanningDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Office)) return [];
        return [.. (await UnpublishedAsync(db, ct)).Where(p => p.LatestRun is null || p.LatestRun.RanAt <= p.LastChange)
            .Select(p => new TaskItem("plan.consolidate", $"合并 {p.Period} 的计划申报（{p.Open} 份待合并）",
                p.DeadlineLastDay is { } last ? Min(last.AddDays(context.Options.ActWithinDays), Start(p.Period)) : Start(p.Period),
                $"#/consolidation/{p.Period}", p.Period))
            .Take(context.Take)];
    }

    static async Task<IReadOnlyList<TaskItem>> PlansToPublish(PlanningDb db, Actor actor, TodoContext context, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Office)) return [];
        return [.. (await UnpublishedAsync(db, ct)).Where(p => p.LatestRun is { } run && run.RanAt > p.LastChange)
            .Select(p => new TaskItem("plan.publish", $"审核并发布 {p.Period} 的计划清单", Start(p.Period), $"#/run/{p.Period}/{p.LatestRun!.Id}", p.Period))
            .Take(context.Take)];
    }

    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
