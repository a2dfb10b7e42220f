using Planning.Api.Features.Registry;

namespace Planning.Api.Features.Drawing;

public sealed record DrawRequestBody(
    string? AgencyCode,
    string? Seed,
    string? Period,
    IReadOnlyList<string>? MatterCodes,
    string? Reason,
    IReadOnlyList<string>? Zones,
    IReadOnlyList<string>? Industries,
    IReadOnlyList<RiskLevel>? RiskLevels,
    int? EnterpriseCount,
    int? InspectorCount,
    IReadOnlyList<Recusal>? Recusals);

public sealed record DrawResponse(Guid Id, string AgencyCode, string Period, IReadOnlyList<string> MatterCodes, int Number, bool Counts, string? Reason,
    string AlgorithmVersion, string Seed, string PoolHash, IReadOnlyList<string> Pool,
    IReadOnlyList<string> Enterprises, IReadOnlyList<Inspector> Inspectors, IReadOnlyList<Recusal> Recusals, DateTimeOffset DrawnAt)
{
    public static DrawResponse From(Draw d) => new(d.Id, d.AgencyCode, d.Period, d.MatterCodes, d.Number, d.Number == 1, d.Reason,
        d.AlgorithmVersion, d.Seed, d.PoolHash, d.Pool, d.Enterprises, d.Inspectors, d.Recusals, d.DrawnAt);
}

/// <summary>A re-run from what is published. <c>Reproduced</c> is null until the period is over and its
/// secret revealed (<c>VerifiableFrom</c>): only then can anyone check that the seed came from the
/// commitment; the shuffle itself (<c>Enterprises</c>, <c>Inspectors</c>) is re-run from the published seed at once.</summary>
public sealed record DrawCheck(bool? Reproduced, bool? SeedFromCommitment, DateOnly VerifiableFrom, string PoolHash, IReadOnlyList<string> Enterprises, IReadOnlyList<Inspector> Inspectors);

/// <summary>双随机、一公开: an agency draws enterprises from a filtered pool and its inspectors from
/// its roster, honouring recusals; the draw is public and anyone can have it re-run. The drawer does not
/// choose the seed: it is derived from the period's commitment (<see cref="DrawCommitments"/>), the
/// agency, the period, the matters, the draw's number and the pool, so it cannot be ground until the
/// wanted enterprises come up; and only the first draw for a purpose counts (a declaration may cite no
/// other), every later one kept and shown with its reason.</summary>
public static class DrawAtRandom
{
    public static RouteGroupBuilder MapDraws(this RouteGroupBuilder group)
    {
        group.MapPost("/", Draw).RequireAuthorization(Roles.Agency).WithSummary("双随机抽取 Draw enterprises and inspectors (agency, for itself)");
        group.MapGet("/", List).AllowAnonymous().WithSummary("抽取记录公开 Every draw of a period, re-draws with their reasons (public)");
        group.MapGet("/{id:guid}", Get).AllowAnonymous().WithSummary("抽取结果公开 A draw, with its seed and pool (public)");
        group.MapGet("/{id:guid}/check", Check).AllowAnonymous().WithSummary("复核抽取 Re-run a draw from what is published (public)");
        return group;
    }

    static async Task<Results<Created<DrawResponse>, ValidationProblem, ProblemHttpResult>> Draw(DrawRequestBody r, PlanningDb db, DrawKeys keys, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var agencyCode = actor.AgencyCode!;
        if (r.AgencyCode is not null && r.AgencyCode != agencyCode) return Problems.Forbidden($"You act for {agencyCode}; you cannot draw for {r.AgencyCode}.");
        var v = new Validation();
        v.Require(r.Seed is null, "seed", "The seed is not chosen by the drawer: it comes from the period's published commitment.");
        v.Quarter(r.Period, out var period);
        v.Codes("matterCodes", r.MatterCodes, 1, 50);
        v.OptionalText("reason", r.Reason, 500);
        v.Require(r.EnterpriseCount is >= 1 and <= 500, "enterpriseCount", "Between 1 and 500 enterprises.");
        v.Require(r.InspectorCount is >= 2 and <= 50, "inspectorCount", "At least two inspectors, at most 50.");
        v.List("zones", r.Zones, 0, 100, (path, zone) => v.Text(path, zone, 100));
        v.List("industries", r.Industries, 0, 100, (path, industry) => v.Text(path, industry, 100));
        v.List("recusals", r.Recusals, 0, 1000, (path, recusal) =>
        {
            v.CertificateNo($"{path}.certificateNo", recusal.CertificateNo);
            v.CreditCode($"{path}.creditCode", recusal.CreditCode);
        });
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var matterCodes = r.MatterCodes!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var ours = (await Matters.CurrentAsync(db, ct)).Where(m => m.AgencyCode == agencyCode).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var unknown = matterCodes.Where(m => !ours.Contains(m)).ToList();
        if (unknown.Count > 0)
            return Problems.Unprocessable("The draw cannot be made.", new Dictionary<string, string[]> { ["matterCodes"] = [$"Not matters of {agencyCode} in effect: {string.Join(", ", unknown)}."] });
        if (DrawCommitments.IsOver(period!.Code, clock))
            return Problems.Unprocessable("The draw cannot be made.", new Dictionary<string, string[]> { ["period"] = [$"{period} is over: its commitment is revealed, and a draw for it could be foreseen."] });
        var commitment = await db.DrawCommitments.AsNoTracking().FirstOrDefaultAsync(c => c.Period == period.Code, ct);
        if (commitment is null)
            return Problems.Conflict("No draw commitment for this period.", $"The office has not published the draw commitment for {period} yet: draws wait for it.");
        if (keys.SecretOf(commitment.KeyId, period.Code) is not { } secret)
            return Problems.Conflict("The draw key of this period's commitment is not held.", $"{period} was committed under draw key {commitment.KeyId}, which this deployment no longer holds: put it back among Draws:RetiredKeys.");
        var purpose = string.Join(',', matterCodes);
        var earlier = await db.Draws.AsNoTracking().CountAsync(d => d.AgencyCode == agencyCode && d.Period == period.Code && d.Purpose == purpose, ct);
        if (earlier > 0 && string.IsNullOrWhiteSpace(r.Reason))
            return Problems.Unprocessable("The draw cannot be made.", new Dictionary<string, string[]> { ["reason"] = [$"{agencyCode} has drawn for these matters in {period} already: a re-draw states why, is shown to everyone, and does not count."] });

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Code == agencyCode, ct);
        var query = db.Enterprises.AsNoTracking();
        if (r.Zones is { Count: > 0 } zones) query = query.Where(e => zones.Contains(e.Zone));
        if (r.Industries is { Count: > 0 } industries) query = query.Where(e => industries.Contains(e.Industry));
        if (r.RiskLevels is { Count: > 0 } levels) query = query.Where(e => levels.Contains(e.RiskLevel));
        var pool = await query.Select(e => e.CreditCode).ToListAsync(ct);
        var number = earlier + 1;
        var seed = DrawCommitments.Seed(secret, agencyCode, period.Code, purpose, number, RandomDraw.PoolHash(pool));
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
            Id = Guid.CreateVersion7(clock.GetUtcNow()), AgencyCode = agencyCode, Period = period.Code, MatterCodes = matterCodes, Purpose = purpose,
            Number = number, Reason = number == 1 ? null : r.Reason!.Trim(), Seed = seed, AlgorithmVersion = result.AlgorithmVersion, PoolHash = result.PoolHash,
            Pool = pool.Order(StringComparer.Ordinal).ToList(), Enterprises = [.. result.Enterprises], Inspectors = [.. result.Inspectors], Roster = roster,
            Recusals = [.. r.Recusals ?? []],
            DrawnAt = clock.GetUtcNow(), DrawnBy = actor.Subject,
        };
        db.Draws.Add(draw);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("Drawn at the same moment.", $"Another draw for these matters of {agencyCode} in {period} was made at the same moment; look at the period's draws and draw again with a reason if needed.");
        }
        return TypedResults.Created($"/api/planning/draws/{draw.Id}", DrawResponse.From(draw));
    }

    static async Task<Results<Ok<DrawResponse>, ProblemHttpResult>> Get(Guid id, PlanningDb db, CancellationToken ct) =>
        await db.Draws.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } draw
            ? TypedResults.Ok(DrawResponse.From(draw))
            : Problems.NotFound("No such draw.", $"No draw has id {id}.");

    static async Task<Results<Ok<List<DrawResponse>>, ValidationProblem>> List(string? period, string? agencyCode, PlanningDb db, CancellationToken ct)
    {
        var v = new Validation();
        v.Period("period", period, out var parsed);
        if (agencyCode is not null) v.AgencyCode("agencyCode", agencyCode);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var draws = await db.Draws.AsNoTracking().Where(d => d.Period == parsed!.Code && (agencyCode == null || d.AgencyCode == agencyCode))
            .OrderBy(d => d.AgencyCode).ThenBy(d => d.Purpose).ThenBy(d => d.Number).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(draws.Select(DrawResponse.From).ToList());
    }

    static async Task<Results<Ok<DrawCheck>, ProblemHttpResult>> Check(Guid id, PlanningDb db, DrawKeys keys, TimeProvider clock, CancellationToken ct)
    {
        var draw = await db.Draws.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (draw is null) return Problems.NotFound("No such draw.", $"No draw has id {id}.");
        var rerun = RandomDraw.Run(new DrawRequest(draw.Seed, draw.Pool, draw.Enterprises.Count, draw.Roster, draw.Inspectors.Count, draw.Recusals));
        var shuffled = rerun.PoolHash == draw.PoolHash && rerun.Enterprises.SequenceEqual(draw.Enterprises) && rerun.Inspectors.SequenceEqual(draw.Inspectors);
        var commitment = await db.DrawCommitments.AsNoTracking().FirstAsync(c => c.Period == draw.Period, ct);
        var revealed = DrawCommitments.Revealed(commitment, keys, clock);
        bool? fromCommitment = revealed is null ? null
            : DrawCommitments.Hash(revealed) == commitment.Commitment
              && DrawCommitments.Seed(revealed, draw.AgencyCode, draw.Period, draw.Purpose, draw.Number, draw.PoolHash) == draw.Seed;
        return TypedResults.Ok(new DrawCheck(fromCommitment is null ? null : fromCommitment.Value && shuffled, fromCommitment,
            DrawCommitments.RevealedFrom(draw.Period), rerun.PoolHash, rerun.Enterprises, rerun.Inspectors));
    }
}
