using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Registry;

public sealed record MatterRequest(
    string? Code,
    string? AgencyCode,
    string? Name,
    InspectionCategory? Category,
    bool? Mergeable,
    string? LegalBasis,
    int? YearlyCapPerEnterprise,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo);

public sealed record MatterResponse(string Code, int Version, string AgencyCode, string Name, InspectionCategory Category, bool Mergeable,
    string LegalBasis, int YearlyCapPerEnterprise, DateOnly EffectiveFrom, DateOnly? EffectiveTo, DateTimeOffset ChangedAt)
{
    public static MatterResponse From(MatterVersion m) =>
        new(m.Code, m.Version, m.AgencyCode, m.Name, m.Category, m.Mergeable, m.LegalBasis, m.YearlyCapPerEnterprise, m.EffectiveFrom, m.EffectiveTo, m.ChangedAt);
}

/// <summary>The catalog of inspection matters (行政权力清单/涉企检查事项): public to read, kept by
/// the office. Every change is a new version; nothing is overwritten.</summary>
public static class Matters
{
    public static RouteGroupBuilder MapMatters(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).AllowAnonymous().WithSummary("涉企检查事项清单 The current catalog of inspection matters (public)");
        group.MapGet("/{code}/versions", Versions).AllowAnonymous().WithSummary("事项版本 Every version of one matter (public)");
        group.MapPost("/", Publish).RequireAuthorization(Roles.Office).WithSummary("发布事项版本 Add a matter or a new version of it (office)");
        return group;
    }

    /// <summary>The latest version of every matter.</summary>
    public static async Task<List<MatterVersion>> CurrentAsync(PlanningDb db, CancellationToken ct) =>
        (await db.Matters.AsNoTracking().ToListAsync(ct))
            .GroupBy(m => m.Code).Select(g => g.MaxBy(m => m.Version)!).OrderBy(m => m.Code, StringComparer.Ordinal).ToList();

    static async Task<Ok<List<MatterResponse>>> List(string? agency, PlanningDb db, CancellationToken ct) =>
        TypedResults.Ok((await CurrentAsync(db, ct)).Where(m => agency is null || m.AgencyCode == agency).Select(MatterResponse.From).ToList());

    static async Task<Results<Ok<List<MatterResponse>>, ProblemHttpResult>> Versions(string code, PlanningDb db, CancellationToken ct)
    {
        var versions = await db.Matters.AsNoTracking().Where(m => m.Code == code).OrderBy(m => m.Version).ToListAsync(ct);
        return versions.Count == 0
            ? Problems.NotFound("No such matter.", $"No inspection matter has code {code}.")
            : TypedResults.Ok(versions.Select(MatterResponse.From).ToList());
    }

    static async Task<Results<Created<MatterResponse>, ValidationProblem, ProblemHttpResult>> Publish(
        MatterRequest r, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Code("code", r.Code);
        v.AgencyCode("agencyCode", r.AgencyCode);
        v.Text("name", r.Name, 200);
        v.Text("legalBasis", r.LegalBasis, 1000);
        v.Require(r.Category is not null && Enum.IsDefined(r.Category.Value), "category", "One of Routine, Specialized, Seasonal, Holiday, Comprehensive.");
        v.Require(r.Mergeable is not null, "mergeable", "Say whether the matter may be checked in a joint visit.");
        v.Require(r.YearlyCapPerEnterprise is >= 1 and <= 365, "yearlyCapPerEnterprise", "Between 1 and 365 inspections a year.");
        v.Require(r.EffectiveFrom is not null, "effectiveFrom", "The day the version takes effect is required.");
        v.Require(r.EffectiveTo is null || r.EffectiveFrom is null || r.EffectiveTo >= r.EffectiveFrom, "effectiveTo", "Ends on or after the day it takes effect.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        if (!await db.Agencies.AnyAsync(a => a.Code == r.AgencyCode, ct))
            return Problems.Unprocessable("Unknown agency.", new Dictionary<string, string[]> { ["agencyCode"] = [$"No agency has code {r.AgencyCode}."] });
        var previous = await db.Matters.Where(m => m.Code == r.Code).OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        if (previous is not null && previous.AgencyCode != r.AgencyCode)
            return Problems.Conflict("A matter keeps its agency.", $"{r.Code} belongs to {previous.AgencyCode}; add a new matter for another agency.");

        var now = clock.GetUtcNow();
        var version = new MatterVersion
        {
            Code = r.Code!, Version = (previous?.Version ?? 0) + 1, AgencyCode = r.AgencyCode!, Name = r.Name!.Trim(), Category = r.Category!.Value,
            Mergeable = r.Mergeable!.Value, LegalBasis = r.LegalBasis!.Trim(), YearlyCapPerEnterprise = r.YearlyCapPerEnterprise!.Value,
            EffectiveFrom = r.EffectiveFrom!.Value, EffectiveTo = r.EffectiveTo, ChangedAt = now, ChangedBy = actor.Subject,
        };
        db.Matters.Add(version);
        db.EnqueueEvent(Event(version), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/planning/matters/{version.Code}/versions", MatterResponse.From(version));
    }

    public static MatterCatalogChanged Event(MatterVersion m) =>
        new(m.Code, m.Version, m.AgencyCode, m.Name, m.Category, m.Mergeable, m.LegalBasis, m.YearlyCapPerEnterprise, m.EffectiveFrom, m.EffectiveTo, m.ChangedAt);
}
