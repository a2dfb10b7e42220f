using System.Security.Cryptography;

namespace Planning.Api.Features.Drawing;

public sealed record DrawRequestBody(
    string? AgencyCode,
    string? Seed,
    IReadOnlyList<string>? Zones,
    IReadOnlyList<string>? Industries,
    IReadOnlyList<RiskLevel>? RiskLevels,
    int? EnterpriseCount,
    int? InspectorCount,
    IReadOnlyList<Recusal>? Recusals);

public sealed record DrawResponse(Guid Id, string AgencyCode, string AlgorithmVersion, string Seed, string PoolHash, IReadOnlyList<string> Pool,
    IReadOnlyList<string> Enterprises, IReadOnlyList<Inspector> Inspectors, IReadOnlyList<Recusal> Recusals, DateTimeOffset DrawnAt)
{
    public static DrawResponse From(Draw d) => new(d.Id, d.AgencyCode, d.AlgorithmVersion, d.Seed, d.PoolHash, d.Pool, d.Enterprises, d.Inspectors, d.Recusals, d.DrawnAt);
}

public sealed record DrawCheck(bool Reproduced, string PoolHash, IReadOnlyList<string> Enterprises, IReadOnlyList<Inspector> Inspectors);

/// <summary>双随机、一公开: an agency draws enterprises from a filtered pool and its inspectors from
/// its roster, honouring recusals; the draw is public and anyone can have it re-run.</summary>
public static class DrawAtRandom
{
    public static RouteGroupBuilder MapDraws(this RouteGroupBuilder group)
    {
        group.MapPost("/", Draw).RequireAuthorization(Roles.Agency).WithSummary("双随机抽取 Draw enterprises and inspectors (agency, for itself)");
        group.MapGet("/{id:guid}", Get).AllowAnonymous().WithSummary("抽取结果公开 A draw, with its seed and pool (public)");
        group.MapGet("/{id:guid}/check", Check).AllowAnonymous().WithSummary("复核抽取 Re-run a draw from what is published (public)");
        return group;
    }

    static async Task<Results<Created<DrawResponse>, ValidationProblem, ProblemHttpResult>> Draw(DrawRequestBody r, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var agencyCode = actor.AgencyCode!;
        if (r.AgencyCode is not null && r.AgencyCode != agencyCode) return Problems.Forbidden($"You act for {agencyCode}; you cannot draw for {r.AgencyCode}.");
        var v = new Validation();
        v.Require(r.EnterpriseCount is >= 1 and <= 500, "enterpriseCount", "Between 1 and 500 enterprises.");
        v.Require(r.InspectorCount is >= 2 and <= 50, "inspectorCount", "At least two inspectors, at most 50.");
        v.OptionalText("seed", r.Seed, 200, min: 8);
        v.List("zones", r.Zones, 0, 100, (path, zone) => v.Text(path, zone, 100));
        v.List("industries", r.Industries, 0, 100, (path, industry) => v.Text(path, industry, 100));
        v.List("recusals", r.Recusals, 0, 1000, (path, recusal) =>
        {
            v.CertificateNo($"{path}.certificateNo", recusal.CertificateNo);
            v.CreditCode($"{path}.creditCode", recusal.CreditCode);
        });
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Code == agencyCode, ct);
        var query = db.Enterprises.AsNoTracking();
        if (r.Zones is { Count: > 0 } zones) query = query.Where(e => zones.Contains(e.Zone));
        if (r.Industries is { Count: > 0 } industries) query = query.Where(e => industries.Contains(e.Industry));
        if (r.RiskLevels is { Count: > 0 } levels) query = query.Where(e => levels.Contains(e.RiskLevel));
        var pool = await query.Select(e => e.CreditCode).ToListAsync(ct);
        var seed = r.Seed ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var roster = agency.CertifiedOn(ChinaTime.Day(clock.GetUtcNow()));

        DrawResult result;
        try
        {
            result = RandomDraw.Run(new DrawRequest(seed, pool, r.EnterpriseCount!.Value, roster, r.InspectorCount!.Value, r.Recusals ?? []));
        }
        catch (ArgumentException ex)
        {
            return Problems.Unprocessable("The draw cannot be made.", new Dictionary<string, string[]> { ["enterpriseCount"] = [ex.Message] });
        }

        var draw = new Draw
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), AgencyCode = agencyCode, Seed = seed, AlgorithmVersion = result.AlgorithmVersion, PoolHash = result.PoolHash,
            Pool = pool.Order(StringComparer.Ordinal).ToList(), Enterprises = [.. result.Enterprises], Inspectors = [.. result.Inspectors], Roster = roster,
            Recusals = [.. r.Recusals ?? []],
            DrawnAt = clock.GetUtcNow(), DrawnBy = actor.Subject,
        };
        db.Draws.Add(draw);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/planning/draws/{draw.Id}", DrawResponse.From(draw));
    }

    static async Task<Results<Ok<DrawResponse>, ProblemHttpResult>> Get(Guid id, PlanningDb db, CancellationToken ct) =>
        await db.Draws.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } draw
            ? TypedResults.Ok(DrawResponse.From(draw))
            : Problems.NotFound("No such draw.", $"No draw has id {id}.");

    static async Task<Results<Ok<DrawCheck>, ProblemHttpResult>> Check(Guid id, PlanningDb db, CancellationToken ct)
    {
        var draw = await db.Draws.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (draw is null) return Problems.NotFound("No such draw.", $"No draw has id {id}.");
        var rerun = RandomDraw.Run(new DrawRequest(draw.Seed, draw.Pool, draw.Enterprises.Count, draw.Roster, draw.Inspectors.Count, draw.Recusals));
        var reproduced = rerun.PoolHash == draw.PoolHash && rerun.Enterprises.SequenceEqual(draw.Enterprises) && rerun.Inspectors.SequenceEqual(draw.Inspectors);
        return TypedResults.Ok(new DrawCheck(reproduced, rerun.PoolHash, rerun.Enterprises, rerun.Inspectors));
    }
}
