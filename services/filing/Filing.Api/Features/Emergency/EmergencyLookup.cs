using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Emergency;

/// <summary>The enterprise phones the office to confirm an emergency inspection at its gate (the seed's
/// 企业可致电营商办核实): the office finds it by the enterprise, the agency and the day, without the
/// provisional number. An agency sees its own, an enterprise those at it. Newest first, paged.</summary>
public static class EmergencyLookup
{
    public static async Task<Results<Ok<Page<EmergencyResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string? creditCode, string? agencyCode, DateOnly? day, string? after, int? limit, FilingDb db, Actor actor, CancellationToken ct)
    {
        var v = new Validation().After(after);
        var size = v.Limit(limit);
        var (query, forbidden) = Matching(db, actor, v, creditCode, agencyCode, day);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (after is not null)
        {
            if (await query!.AfterAsync(after, e => e.ApprovedAt, e => e.ProvisionalNo, ct) is not { } rest) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = rest;
        }
        return TypedResults.Ok(await query!.OrderByDescending(e => e.ApprovedAt).ThenByDescending(e => e.ProvisionalNo).PageAsync(size, e => e.ProvisionalNo, EmergencyResponse.From, ct));
    }

    /// <summary>The pre-filings a reader may list, narrowed by the list's filters: the list's and its export's one rule.</summary>
    internal static (IQueryable<EmergencyPreFiling>? Query, ProblemHttpResult? Forbidden) Matching(FilingDb db, Actor actor, Validation v,
        string? creditCode, string? agencyCode, DateOnly? day)
    {
        if (actor.IsIn(Roles.Office)) { }
        // A token of either role without its agency or credit code reads nothing, never everything.
        else if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } own) agencyCode = own;
        else if (actor.IsIn(Roles.Enterprise) && actor.CreditCode is { } mine) creditCode = mine;
        else return (null, Problems.Forbidden("Emergency pre-filings are for the office, their agency and their enterprise."));
        v.OptionalAgencyCode("agencyCode", agencyCode);
        if (creditCode is not null) v.CreditCode("creditCode", creditCode);

        var query = db.Emergencies.AsNoTracking();
        if (creditCode is not null) query = query.Where(e => e.CreditCode == creditCode);
        if (agencyCode is not null) query = query.Where(e => e.AgencyCode == agencyCode);
        if (day is { } d)
        {
            // Under way on that day: approved by its end, and not ended (or expected to end) before it began.
            var (from, to) = (StartOfDay(d), StartOfDay(d.AddDays(1)));
            query = query.Where(e => e.ApprovedAt < to && (e.EndedAt ?? e.ExpectedEndAt) >= from);
        }
        return (query, null);
    }
}
