namespace Supervision.Api.Features.Cases;

/// <summary>Reading cases: each reader gets the cases it may see, in the shape it may see them. A case
/// a reader may not see does not exist for it (404), so its existence leaks nothing either.</summary>
public static class CaseViews
{
    public static RouteGroupBuilder MapCaseViews(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization().WithSummary("案件台账 Cases, newest first, a page at a time, by state, agency, month, overdue or escalated: the office and the task force all; a leader all, without submitters; an agency those against it or assigned to it; an enterprise its own");
        group.MapGet("/{id:guid}", Get).RequireAuthorization().WithSummary("一事一账 One case with its permanent history");
        return group;
    }

    public static async Task<Results<Ok<Page<CaseResponse>>, ValidationProblem, ProblemHttpResult>> List(SupervisionDb db, Actor actor, TimeProvider clock, IOptions<SupervisionOptions> options,
        CaseState? state, bool? overdue, bool? escalated, string? agencyCode, string? month, string? after, int? limit, CancellationToken ct)
    {
        var v = new Validation().After(after, 30);
        var size = v.Limit(limit);
        var now = clock.GetUtcNow();
        var (query, forbidden) = Matching(db, actor, now, options.Value.Waiting, v, state, overdue, escalated, agencyCode, month);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (after is not null)
        {
            if (await query!.AfterAsync(after, c => c.OpenedAt, c => c.CaseNo, ct) is not { } rest) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = rest;
        }
        var page = await Ordered(query!).PageAsync(size, c => c.CaseNo, c => CaseResponse.For(c, CaseResponse.AudienceOf(actor, c), now, options.Value.Waiting), ct);
        return TypedResults.Ok(page);
    }

    internal static IOrderedQueryable<SupervisionCase> Ordered(IQueryable<SupervisionCase> query) =>
        query.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.CaseNo);

    /// <summary>The cases a reader may list, with their cards and histories, narrowed by the list's filters
    /// (checked into <paramref name="v"/>): the one rule for the list and the ledger's export.</summary>
    internal static (IQueryable<SupervisionCase>? Query, ProblemHttpResult? Forbidden) Matching(SupervisionDb db, Actor actor, DateTimeOffset now, WaitingLimits limits, Validation v,
        CaseState? state, bool? overdue, bool? escalated, string? agencyCode, string? month)
    {
        var query = Visible(db.Cases.AsNoTracking().Include(c => c.Card).Include(c => c.History).Include(c => c.JointUnits), actor);
        if (query is null) return (null, Problems.Forbidden("Cases are for the office, the task force, leaders, the agencies concerned and the submitting enterprise."));
        v.OptionalAgencyCode("agencyCode", agencyCode);
        DateOnly? first = null;
        if (month is not null)
        {
            v.Require(DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out var day), "month", "A month, e.g. 2026-12.");
            first = day;
        }
        if (!v.IsValid) return (query, null);

        if (state is { } s) query = query.Where(c => c.State == s);
        if (escalated is true) query = query.Where(c => c.EscalationLevel > 0);
        if (agencyCode is not null) query = query.Where(c => c.Card.AgencyCode == agencyCode || c.AssignedTo == agencyCode || c.JointUnits.Any(u => u.AgencyCode == agencyCode));
        if (overdue is { } o)
        {
            // CaseResponse.IsOverdue as a query, so that a page holds overdue cases only.
            var (stale, today) = (now - CaseWorkflow.UpdateEvery, ChinaTime.Day(now));
            var (signOffSince, instructionSince) = CaseResponse.WaitsLapsedBefore(now, limits);
            System.Linq.Expressions.Expression<Func<SupervisionCase, bool>> late = c => ((c.State == CaseState.Assigned || c.State == CaseState.InProgress)
                    && ((c.LastUpdateAt ?? c.OpenedAt) < stale || (c.Deadline != null && c.Deadline < today) || c.JointUnits.Any(u => u.LastUpdateAt < stale)))
                || (c.State == CaseState.Registered && (c.StateSince ?? c.OpenedAt) < signOffSince)
                || (c.State == CaseState.SentForSignOff && (c.StateSince ?? c.OpenedAt) < instructionSince);
            query = o ? query.Where(late) : query.Where(Negate(late));
        }
        if (first is { } m)
        {
            // The month every reader sees: when it happened, or when it was reported.
            var (from, to) = (m, m.AddMonths(1));
            var (fromInstant, toInstant) = (ChinaTime.StartOfDay(from), ChinaTime.StartOfDay(to));
            query = query.Where(c => c.Card.OccurredOn != null ? c.Card.OccurredOn >= from && c.Card.OccurredOn < to
                : c.Card.SubmittedAt >= fromInstant && c.Card.SubmittedAt < toInstant);
        }
        return (query, null);
    }

    static System.Linq.Expressions.Expression<Func<T, bool>> Negate<T>(System.Linq.Expressions.Expression<Func<T, bool>> e) =>
        System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(System.Linq.Expressions.Expression.Not(e.Body), e.Parameters);

    static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> Get(Guid id, SupervisionDb db, Actor actor, TimeProvider clock, IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Card).Include(x => x.History).Include(x => x.JointUnits).FirstOrDefaultAsync(x => x.Id == id, ct);
        var audience = c is null ? CaseAudience.None : CaseResponse.AudienceOf(actor, c);
        if (audience == CaseAudience.None) return Problems.NotFound("No such case.", $"No case {id} you may see.");
        var flags = audience == CaseAudience.Full ? await db.RetaliationFlags.AsNoTracking().Where(f => f.CaseId == id).OrderBy(f => f.RaisedAt).ToListAsync(ct) : null;
        var into = c!.MergedInto is { } target ? await db.Cases.AsNoTracking().Include(x => x.History).FirstOrDefaultAsync(x => x.Id == target, ct) : null;
        return TypedResults.Ok(CaseResponse.For(c, audience, clock.GetUtcNow(), options.Value.Waiting, flags, into));
    }

    /// <summary>The cases a reader may see, as a query; null for a reader with no business here.</summary>
    public static IQueryable<SupervisionCase>? Visible(IQueryable<SupervisionCase> cases, Actor actor)
    {
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline) || actor.IsIn(Roles.Leader)) return cases;
        if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency)
            return cases.Where(c => c.Card.AgencyCode == agency || c.AssignedTo == agency || c.JointUnits.Any(u => u.AgencyCode == agency));
        if (actor.IsIn(Roles.Enterprise) && actor.CreditCode is { } code) return cases.Where(c => c.Card.SubmitterCreditCode == code);
        return null;
    }
}
