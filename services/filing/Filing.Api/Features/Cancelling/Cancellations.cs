namespace Filing.Api.Features.Cancelling;

public sealed record CancellationResponse(string FilingNo, string? JointId, string CreditCode, string EnterpriseName, string LeadAgency,
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string Reason, DateTimeOffset CancelledAt, string CancelledBy);

/// <summary>The office watches which filings agencies cancelled, and why (an agency sees its own):
/// newest first, paged, by agency and enterprise.</summary>
public static class Cancellations
{
    public static RouteGroupBuilder MapCancellations(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization().WithSummary("撤销的备案 Cancelled filings, newest first (the office all, an agency its own)");
        return group;
    }

    static async Task<Results<Ok<Page<CancellationResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string? agencyCode, string? creditCode, string? after, int? limit, FilingDb db, Actor actor, CancellationToken ct)
    {
        if (actor.IsIn(Roles.Office)) { }
        else if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } own) agencyCode = own;
        else return Problems.Forbidden("Cancellations are for the office and each agency.");
        var v = new Validation().OptionalAgencyCode("agencyCode", agencyCode).After(after);
        var size = v.Limit(limit);
        if (creditCode is not null) v.CreditCode("creditCode", creditCode);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var query = db.Filings.AsNoTracking().Where(f => f.CancelledAt != null);
        if (agencyCode is not null) query = query.Where(f => f.LeadAgency == agencyCode);
        if (creditCode is not null) query = query.Where(f => f.CreditCode == creditCode);
        if (after is not null)
        {
            // Keyset, newest first, from the filing named; its number orders one instant.
            var key = await query.Where(f => f.FilingNo == after).Select(f => new { f.CancelledAt, f.FilingNo }).FirstOrDefaultAsync(ct);
            if (key is null) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = query.Where(f => f.CancelledAt < key.CancelledAt || (f.CancelledAt == key.CancelledAt && string.Compare(f.FilingNo, key.FilingNo) < 0));
        }
        return TypedResults.Ok(await query.OrderByDescending(f => f.CancelledAt).ThenByDescending(f => f.FilingNo).PageAsync(size, f => f.FilingNo,
            f => new CancellationResponse(f.FilingNo, f.JointId, f.CreditCode, f.EnterpriseName, f.LeadAgency, f.WindowStart, f.WindowEnd,
                f.CancellationReason!, f.CancelledAt!.Value, f.CancelledBy!), ct));
    }
}
