namespace Planning.Api.Features.Registry;

public sealed record AgencyResponse(string Code, string Name, int TeamsPerDay, int YearlyVisitCapPerEnterprise, IReadOnlyList<CertifiedInspector> Inspectors)
{
    public static AgencyResponse From(Agency a) => new(a.Code, a.Name, a.TeamsPerDay, a.YearlyVisitCapPerEnterprise, a.Inspectors);
}

public sealed record RosterEntry(string? CertificateNo, string? Name, DateOnly? ValidFrom, DateOnly? ValidUntil);

public sealed record UpdateAgencyRequest(string? Name, int? TeamsPerDay, int? YearlyVisitCapPerEnterprise, IReadOnlyList<RosterEntry?>? Inspectors);

/// <summary>The 17 enforcement agencies (执法单位): public to read, kept by the office. The roster of
/// inspectors is kept by the office too, not by each agency for itself: filings are checked against it,
/// and an agency that wrote its own roster could put anyone on it and the check would prove nothing.
/// Enforcement certificates are issued and published by the county's judicial bureau (行政执法证, 执法人员公示),
/// and the office enters them as issued, renewed or withdrawn, as it keeps the rest of the registry.</summary>
public static class Agencies
{
    public static RouteGroupBuilder MapAgencies(this RouteGroupBuilder group)
    {
        group.MapGet("/", async (PlanningDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct)).Select(AgencyResponse.From).ToList()))
            .AllowAnonymous().WithSummary("执法单位名录 The enforcement agencies (public)");
        group.MapPut("/{code}", Update).RequireAuthorization(Roles.Office)
            .WithSummary("修改执法单位 Update an agency's name, consolidation limits and roster of inspectors (office)");
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
            v.Require(inspector.ValidFrom is not null, $"{path}.validFrom", "The first day the certificate is valid.");
            v.Require(inspector.ValidUntil is { } until && (inspector.ValidFrom is not { } from || from <= until), $"{path}.validUntil",
                "The last day the certificate is valid, on or after its first.");
        });
        v.Distinct("inspectors", request.Inspectors, "A certificate number is listed twice.", i => i.CertificateNo);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var agency = await db.Agencies.FindAsync([code], ct);
        if (agency is null) return Problems.NotFound("No such agency.", $"No agency has code {code}.");
        agency.Name = request.Name?.Trim() ?? agency.Name;
        agency.TeamsPerDay = request.TeamsPerDay ?? agency.TeamsPerDay;
        agency.YearlyVisitCapPerEnterprise = request.YearlyVisitCapPerEnterprise ?? agency.YearlyVisitCapPerEnterprise;
        if (request.Inspectors is not null)
            agency.Inspectors = [.. request.Inspectors.Select(i => new CertifiedInspector(i!.CertificateNo!, i.Name!.Trim(), i.ValidFrom!.Value, i.ValidUntil!.Value))];
        agency.ChangedBy = actor.Subject;
        // Filing checks every filing's inspectors against the roster it was told of.
        db.EnqueueEvent(agency.Changed(clock.GetUtcNow()), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AgencyResponse.From(agency));
    }
}
