using Supervision.Api.Features.Cases;

namespace Supervision.Api.Features.Retaliation;

public static class RetaliationFlags
{
    public static RouteGroupBuilder MapRetaliationFlags(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization(p => p.RequireRole(Roles.Discipline, Roles.Office))
            .WithSummary("打击报复预警 Newest first, a page at a time, by agency or enterprise: filings and penalties by an agency at an enterprise that reported it (task force, office)");
        return group;
    }

    static async Task<Results<Ok<Page<RetaliationFlagResponse>>, ValidationProblem>> List(SupervisionDb db, string? agencyCode, string? creditCode,
        string? after, int? limit, CancellationToken ct)
    {
        var v = new Validation().OptionalAgencyCode("agencyCode", agencyCode);
        if (creditCode is not null) v.CreditCode("creditCode", creditCode);
        var from = v.AfterId(after);
        var size = v.Limit(limit);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var query = db.RetaliationFlags.AsNoTracking();
        if (agencyCode is not null) query = query.Where(f => f.AgencyCode == agencyCode);
        if (creditCode is not null) query = query.Where(f => f.CreditCode == creditCode);
        if (from is { } last)
        {
            // Keyset, newest first; the flag's reference and its case (unique together) order flags of one instant.
            var key = await query.Where(f => f.Id == last).Select(f => new { f.RaisedAt, f.Reference, f.CaseId }).FirstOrDefaultAsync(ct);
            if (key is null) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = query.Where(f => f.RaisedAt < key.RaisedAt || (f.RaisedAt == key.RaisedAt
                && (string.Compare(f.Reference, key.Reference) < 0 || (f.Reference == key.Reference && f.CaseId.CompareTo(key.CaseId) < 0))));
        }
        return TypedResults.Ok(await query.OrderByDescending(f => f.RaisedAt).ThenByDescending(f => f.Reference).ThenByDescending(f => f.CaseId).PageAsync(size, f => f.Id.ToString(),
            f => new RetaliationFlagResponse(f.Id, f.AgencyCode, f.CreditCode, f.Trigger, f.Reference, f.Planned, f.OccurredAt, f.RaisedAt) { CaseId = f.CaseId, FilingCancelledAt = f.FilingCancelledAt, DecisionSupersededAt = f.DecisionSupersededAt }, ct));
    }
}
