using Supervision.Api.Features.Cases;

namespace Supervision.Api.Features.Retaliation;

public static class RetaliationFlags
{
    public static RouteGroupBuilder MapRetaliationFlags(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization(p => p.RequireRole(Roles.Discipline, Roles.Office))
            .WithSummary("打击报复预警 Filings and penalties by an agency at an enterprise that reported it (task force, office)");
        return group;
    }

    static async Task<Ok<List<RetaliationFlagResponse>>> List(SupervisionDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.RetaliationFlags.AsNoTracking().OrderByDescending(f => f.RaisedAt).Take(500).ToListAsync(ct))
            .Select(f => new RetaliationFlagResponse(f.Id, f.AgencyCode, f.CreditCode, f.Trigger, f.Reference, f.Planned, f.OccurredAt, f.RaisedAt) { CaseId = f.CaseId, FilingCancelledAt = f.FilingCancelledAt }).ToList());
}
