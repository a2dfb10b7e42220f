namespace Planning.Api.Features.Registry;

public sealed record AgencyResponse(string Code, string Name, int TeamsPerDay, int YearlyVisitCapPerEnterprise, IReadOnlyList<Planning.Domain.Inspector> Inspectors)
{
    public static AgencyResponse From(Agency a) => new(a.Code, a.Name, a.TeamsPerDay, a.YearlyVisitCapPerEnterprise, a.Inspectors);
}

public sealed record UpdateAgencyRequest(string? Name, int? TeamsPerDay, int? YearlyVisitCapPerEnterprise, IReadOnlyList<Planning.Domain.Inspector>? Inspectors);

/// <summary>The 17 enforcement agencies (执法单位): public to read, kept by the office.</summary>
public static class Agencies
{
    public static RouteGroupBuilder MapAgencies(this RouteGroupBuilder group)
    {
        group.MapGet("/", async (PlanningDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct)).Select(AgencyResponse.From).ToList()))
            .AllowAnonymous().WithSummary("执法单位名录 The enforcement agencies (public)");
        group.MapPut("/{code}", Update).RequireAuthorization(Roles.Office)
            .WithSummary("修改执法单位 Update an agency's name and consolidation limits (office)");
        return group;
    }

    static async Task<Results<Ok<AgencyResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string code, UpdateAgencyRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.OptionalText("name", request.Name, 100);
        v.Require(request.TeamsPerDay is null or (>= 1 and <= 50), "teamsPerDay", "Between 1 and 50 teams a day.");
        v.Require(request.YearlyVisitCapPerEnterprise is null or (>= 1 and <= 365), "yearlyVisitCapPerEnterprise", "Between 1 and 365 visits a year.");
        v.List("inspectors", request.Inspectors, 0, 500, (path, inspector) =>
        {
            v.CertificateNo($"{path}.certificateNo", inspector.CertificateNo);
            v.Text($"{path}.name", inspector.Name, 50);
        });
        v.Distinct("inspectors", request.Inspectors, "A certificate number is listed twice.", i => i.CertificateNo);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var agency = await db.Agencies.FindAsync([code], ct);
        if (agency is null) return Problems.NotFound("No such agency.", $"No agency has code {code}.");
        agency.Name = request.Name?.Trim() ?? agency.Name;
        agency.TeamsPerDay = request.TeamsPerDay ?? agency.TeamsPerDay;
        agency.YearlyVisitCapPerEnterprise = request.YearlyVisitCapPerEnterprise ?? agency.YearlyVisitCapPerEnterprise;
        if (request.Inspectors is not null) agency.Inspectors = [.. request.Inspectors];
        agency.ChangedAt = clock.GetUtcNow();
        agency.ChangedBy = actor.Subject;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AgencyResponse.From(agency));
    }
}
