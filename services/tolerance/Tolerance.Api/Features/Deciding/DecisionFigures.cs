namespace Tolerance.Api.Features.Deciding;

public sealed record Count(string Key, int Decisions);

/// <summary><see cref="Departed"/>: issued decisions whose legal review departed from the engine's proposal; <see cref="Pending"/>: proposals not yet issued;
/// <see cref="Superseded"/>: decisions set aside by a corrected finding, counted nowhere else (their replacements count instead).</summary>
public sealed record DecisionFiguresResponse(string Period, int Decisions, int Tolerated, int Conditional, int NotTolerated, int Revoked, int Pending, int Departed, int Superseded,
    IReadOnlyList<Count> ByOutcome, IReadOnlyList<Count> ByItem, IReadOnlyList<Count> ByAgency);

/// <summary>Tolerance decisions of a period counted by outcome, by item and by agency (the office;
/// an agency sees its own).</summary>
public static class DecisionFigures
{
    public static RouteGroupBuilder MapDecisionFigures(this RouteGroupBuilder group)
    {
        group.MapGet("/figures", Get).RequireAuthorization().WithSummary("容错统计 Decisions by outcome, item and agency for a period");
        return group;
    }

    static async Task<Results<Ok<DecisionFiguresResponse>, ValidationProblem, ProblemHttpResult>> Get(string? period, ToleranceDb db, Actor actor, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
        var (from, to) = (ChinaTime.StartOfDay(parsed.From), ChinaTime.StartOfDay(parsed.To.AddDays(1)));
        var query = db.Decisions.AsNoTracking().Where(d => d.DecidedAt >= from && d.DecidedAt < to);
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Leader) || actor.IsIn(Roles.Discipline)) { }
        else if (actor.IsIn(Roles.Agency)) query = query.Where(d => d.AgencyCode == actor.AgencyCode);
        else return Problems.Forbidden("Figures are for the office, leaders, the task force and each agency.");
        var all = await query.ToListAsync(ct);
        var decisions = all.Where(d => d.Status != DecisionStatus.Superseded).ToList();
        static List<Count> By(IEnumerable<string?> keys) =>
            keys.Where(k => k is not null).GroupBy(k => k!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Count(g.Key, g.Count())).ToList();
        return TypedResults.Ok(new DecisionFiguresResponse(period!, decisions.Count,
            decisions.Count(d => d.Kind == DecisionKind.Tolerated),
            decisions.Count(d => d.Kind == DecisionKind.ConditionallyTolerated),
            decisions.Count(d => d.Kind == DecisionKind.NotTolerated),
            decisions.Count(d => d.Status == DecisionStatus.Revoked),
            decisions.Count(d => d.Status is DecisionStatus.Proposed or DecisionStatus.Stated or DecisionStatus.Answered),
            decisions.Count(d => d.Departed),
            all.Count(d => d.Status == DecisionStatus.Superseded),
            By(decisions.Select(d => d.Outcome?.ToString())), By(decisions.Select(d => d.ItemCode)), By(decisions.Select(d => d.AgencyCode))));
    }
}
