namespace Supervision.Api.Features.Cases;

/// <summary>Reading cases: each reader gets the cases it may see, in the shape it may see them. A case
/// a reader may not see does not exist for it (404), so its existence leaks nothing either.</summary>
public static class CaseViews
{
    public static RouteGroupBuilder MapCaseViews(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization().WithSummary("案件台账 Cases: the office and the task force all; a leader all, without submitters; an agency those against it or assigned to it; an enterprise its own");
        group.MapGet("/{id:guid}", Get).RequireAuthorization().WithSummary("一事一账 One case with its permanent history");
        return group;
    }

    static async Task<Results<Ok<List<CaseResponse>>, ValidationProblem, ProblemHttpResult>> List(SupervisionDb db, Actor actor, TimeProvider clock,
        CaseState? state, bool? overdue, bool? escalated, string? agencyCode, CancellationToken ct)
    {
        var query = Visible(db.Cases.AsNoTracking().Include(c => c.Card).Include(c => c.History), actor);
        if (query is null) return Problems.Forbidden("Cases are for the office, the task force, leaders, the agencies concerned and the submitting enterprise.");
        if (agencyCode is not null && !Validation.IsAgencyCode(agencyCode))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agencyCode"] = ["An agency code, e.g. YJ."] });
        if (state is { } s) query = query.Where(c => c.State == s);
        if (escalated is true) query = query.Where(c => c.EscalationLevel > 0);
        if (agencyCode is not null) query = query.Where(c => c.Card.AgencyCode == agencyCode || c.AssignedTo == agencyCode);
        var now = clock.GetUtcNow();
        var cases = await query.OrderByDescending(c => c.OpenedAt).Take(500).ToListAsync(ct);
        var answers = cases.Select(c => CaseResponse.For(c, CaseResponse.AudienceOf(actor, c), now));
        if (overdue is { } o) answers = answers.Where(c => c.Overdue == o);
        return TypedResults.Ok(answers.ToList());
    }

    static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> Get(Guid id, SupervisionDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Card).Include(x => x.History).FirstOrDefaultAsync(x => x.Id == id, ct);
        var audience = c is null ? CaseAudience.None : CaseResponse.AudienceOf(actor, c);
        if (audience == CaseAudience.None) return Problems.NotFound("No such case.", $"No case {id} you may see.");
        var flags = audience == CaseAudience.Full ? await db.RetaliationFlags.AsNoTracking().Where(f => f.CaseId == id).OrderBy(f => f.RaisedAt).ToListAsync(ct) : null;
        return TypedResults.Ok(CaseResponse.For(c!, audience, clock.GetUtcNow(), flags));
    }

    /// <summary>The cases a reader may see, as a query; null for a reader with no business here.</summary>
    public static IQueryable<SupervisionCase>? Visible(IQueryable<SupervisionCase> cases, Actor actor)
    {
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline) || actor.IsIn(Roles.Leader)) return cases;
        if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency) return cases.Where(c => c.Card.AgencyCode == agency || c.AssignedTo == agency);
        if (actor.IsIn(Roles.Enterprise) && actor.CreditCode is { } code) return cases.Where(c => c.Card.SubmitterCreditCode == code);
        return null;
    }
}
