using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Alerts;

public sealed record YearlyCapAlertResponse(string FilingNo, string CreditCode, string EnterpriseName, string LeadAgency, IReadOnlyList<string> MatterCodes, int Year, DateTimeOffset RaisedAt);

/// <summary>A matter's yearly cap exceeded "with an alert" is a real alert: stored with the filing that
/// exceeded it and announced (<see cref="YearlyCapExceeded"/>); the office lists them, newest first, and
/// each agency its own.</summary>
public static class YearlyCapAlerts
{
    public static RouteGroupBuilder MapYearlyCapAlerts(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization().WithSummary("超频次检查预警 Filings accepted past a matter's yearly cap, newest first (the office all, an agency its own)");
        return group;
    }

    /// <summary>Raises the alert of <paramref name="filing"/>, in the caller's transaction.</summary>
    public static void Raise(FilingDb db, InspectionFiling filing, IReadOnlyList<string> matterCodes, DateTimeOffset now, TimeProvider clock)
    {
        var alert = new YearlyCapAlert
        {
            FilingNo = filing.FilingNo, CreditCode = filing.CreditCode, EnterpriseName = filing.EnterpriseName, LeadAgency = filing.LeadAgency,
            MatterCodes = [.. matterCodes], Year = Day(filing.WindowStart).Year, RaisedAt = now,
        };
        db.YearlyCapAlerts.Add(alert);
        db.EnqueueEvent(new YearlyCapExceeded(alert.FilingNo, alert.CreditCode, alert.LeadAgency, alert.MatterCodes, alert.Year, now), clock);
    }

    static async Task<Results<Ok<Page<YearlyCapAlertResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string? agencyCode, string? creditCode, string? after, int? limit, FilingDb db, Actor actor, CancellationToken ct)
    {
        if (actor.IsIn(Roles.Office)) { }
        else if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } own) agencyCode = own;
        else return Problems.Forbidden("Yearly cap alerts are for the office and each agency.");
        var v = new Validation().OptionalAgencyCode("agencyCode", agencyCode).After(after);
        var size = v.Limit(limit);
        if (creditCode is not null) v.CreditCode("creditCode", creditCode);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var query = db.YearlyCapAlerts.AsNoTracking();
        if (agencyCode is not null) query = query.Where(a => a.LeadAgency == agencyCode);
        if (creditCode is not null) query = query.Where(a => a.CreditCode == creditCode);
        if (after is not null)
        {
            if (await query.AfterAsync(after, a => a.RaisedAt, a => a.FilingNo, ct) is not { } rest) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = rest;
        }
        return TypedResults.Ok(await query.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.FilingNo).PageAsync(size, a => a.FilingNo,
            a => new YearlyCapAlertResponse(a.FilingNo, a.CreditCode, a.EnterpriseName, a.LeadAgency, a.MatterCodes, a.Year, a.RaisedAt), ct));
    }
}
