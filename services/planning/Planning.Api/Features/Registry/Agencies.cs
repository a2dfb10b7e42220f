using Microsoft.AspNetCore.Authorization;

namespace Planning.Api.Features.Registry;

public sealed record AgencyResponse(string Code, string Name, int TeamsPerDay, int YearlyVisitCapPerEnterprise, IReadOnlyList<CertifiedInspector> Inspectors)
{
    public static AgencyResponse From(Agency a) => new(a.Code, a.Name, a.TeamsPerDay, a.YearlyVisitCapPerEnterprise, a.Inspectors);
}

public sealed record RosterEntry(string? CertificateNo, string? Name, DateOnly? ValidFrom, DateOnly? ValidUntil);

public sealed record UpdateAgencyRequest(string? Name, int? TeamsPerDay, int? YearlyVisitCapPerEnterprise, IReadOnlyList<RosterEntry?>? Inspectors);

public sealed record AddAgencyRequest(string? Code, string? Name, int? TeamsPerDay, int? YearlyVisitCapPerEnterprise, IReadOnlyList<RosterEntry?>? Inspectors);

/// <summary>The county's enforcement agencies (执法单位): public to read, kept by the office, which adds an
/// agency the county sets up and changes one that is renamed or reorganized. Every other process learns
/// them from <see cref="AgencyChanged"/>, so an agency added here gets its staff accounts and its system at
/// the gateway, and its filings checked by filing, with no change anywhere else. The roster of
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
        group.MapGet("/{code}", Get).AllowAnonymous().WithSummary("执法单位 One enforcement agency (public)");
        group.MapPost("/", Add).RequireAuthorization(RegistryKeepers)
            .WithSummary("新增执法单位 Add an agency with its consolidation limits and roster of inspectors (office, admin)");
        group.MapPut("/{code}", Update).RequireAuthorization(RegistryKeepers)
            .WithSummary("修改执法单位 Update an agency's name, consolidation limits and roster of inspectors (office, admin)");
        return group;
    }

    /// <summary>The office keeps the registry; an administrator, who onboards an agency's staff and systems
    /// at the gateway, may enter the agency itself too.</summary>
    static void RegistryKeepers(AuthorizationPolicyBuilder policy) => policy.RequireRole(Roles.Office, Roles.Admin);

    static async Task<Results<Ok<AgencyResponse>, ProblemHttpResult>> Get(string code, PlanningDb db, CancellationToken ct) =>
        await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct) is { } agency
            ? TypedResults.Ok(AgencyResponse.From(agency))
            : NoSuchAgency(code);

    static async Task<Results<Created<AgencyResponse>, ValidationProblem, ProblemHttpResult>> Add(
        AddAgencyRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.AgencyCode("code", request.Code);
        v.Text("name", request.Name, 100);
        Limits(v, request.TeamsPerDay, request.YearlyVisitCapPerEnterprise, required: true);
        Roster(v, request.Inspectors);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        if (await db.Agencies.AnyAsync(a => a.Code == request.Code, ct)) return Taken(request.Code!);
        var now = clock.GetUtcNow();
        var agency = new Agency
        {
            Code = request.Code!, Name = request.Name!.Trim(), TeamsPerDay = request.TeamsPerDay!.Value,
            YearlyVisitCapPerEnterprise = request.YearlyVisitCapPerEnterprise!.Value, Inspectors = Inspectors(request.Inspectors ?? []),
            ChangedAt = now, ChangedBy = actor.Subject,
        };
        db.Agencies.Add(agency);
        // Its first revision: the gateway lets its staff and system be made, filing checks its filings.
        db.EnqueueEvent(agency.Changed(now), clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Taken(request.Code!);
        }
        return TypedResults.Created($"/api/planning/agencies/{agency.Code}", AgencyResponse.From(agency));
    }

    static async Task<Results<Ok<AgencyResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string code, UpdateAgencyRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.OptionalText("name", request.Name, 100);
        Limits(v, request.TeamsPerDay, request.YearlyVisitCapPerEnterprise, required: false);
        Roster(v, request.Inspectors);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var agency = await db.Agencies.FindAsync([code], ct);
        if (agency is null) return NoSuchAgency(code);
        agency.Name = request.Name?.Trim() ?? agency.Name;
        agency.TeamsPerDay = request.TeamsPerDay ?? agency.TeamsPerDay;
        agency.YearlyVisitCapPerEnterprise = request.YearlyVisitCapPerEnterprise ?? agency.YearlyVisitCapPerEnterprise;
        if (request.Inspectors is not null) agency.Inspectors = Inspectors(request.Inspectors);
        agency.ChangedBy = actor.Subject;
        // Filing checks every filing's inspectors against the roster it was told of.
        db.EnqueueEvent(agency.Changed(clock.GetUtcNow()), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AgencyResponse.From(agency));
    }

    /// <summary>The consolidation limits: each required when an agency is added, kept as it is when a change leaves it out.</summary>
    static void Limits(Validation v, int? teamsPerDay, int? yearlyVisitCap, bool required)
    {
        v.Require(teamsPerDay is >= 1 and <= 50 || (!required && teamsPerDay is null), "teamsPerDay", "Between 1 and 50 teams a day.");
        v.Require(yearlyVisitCap is >= 1 and <= 365 || (!required && yearlyVisitCap is null), "yearlyVisitCapPerEnterprise", "Between 1 and 365 visits a year.");
    }

    static void Roster(Validation v, IReadOnlyList<RosterEntry?>? inspectors)
    {
        v.List("inspectors", inspectors, 0, 500, (path, inspector) =>
        {
            v.CertificateNo($"{path}.certificateNo", inspector.CertificateNo);
            v.Text($"{path}.name", inspector.Name, 50);
            v.Require(inspector.ValidFrom is not null, $"{path}.validFrom", "The first day the certificate is valid.");
            v.Require(inspector.ValidUntil is { } until && (inspector.ValidFrom is not { } from || from <= until), $"{path}.validUntil",
                "The last day the certificate is valid, on or after its first.");
        });
        v.Distinct("inspectors", inspectors, "A certificate number is listed twice.", i => i.CertificateNo);
    }

    static List<CertifiedInspector> Inspectors(IReadOnlyList<RosterEntry?> roster) =>
        [.. roster.Select(i => new CertifiedInspector(i!.CertificateNo!, i.Name!.Trim(), i.ValidFrom!.Value, i.ValidUntil!.Value))];

    static ProblemHttpResult NoSuchAgency(string code) => Problems.NotFound("No such agency.", $"No agency has code {code}.");

    static ProblemHttpResult Taken(string code) =>
        Problems.Conflict("The agency is already in the registry.", $"An agency with code {code} is in the registry.");
}
