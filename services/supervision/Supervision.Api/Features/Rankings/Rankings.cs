namespace Supervision.Api.Features.Rankings;

public sealed record RankingResponse(string Period, bool Published, int MinimumSample, DateTimeOffset? PublishedAt, IReadOnlyList<RankedAgency> Agencies,
    string Method);

/// <summary>评议结果和排名公示: the office reviews a period's draft ranking once the period has ended,
/// then publishes it; the published ranking is public and never changes.</summary>
public static class Rankings
{
    const string Method = "按检查结果分层（无问题、有问题未处罚、处罚）的间接标准化：调整均分 = 全县均分 + 本单位各评分与同层全县均分之差的平均；95%区间按t分布；评价数少于最低样本量的单位列示不排名。";

    public static RouteGroupBuilder MapRankings(this RouteGroupBuilder group)
    {
        group.MapGet("/", Published).AllowAnonymous().WithSummary("排名公示 Published rankings (public)");
        group.MapGet("/{period}", One).AllowAnonymous().WithSummary("排名公示 One published ranking (public)");
        group.MapGet("/{period}/draft", Draft).RequireAuthorization(Roles.Office)
            .WithSummary("排名草稿 The ranking of every rating, as the office reads them (office); the published ranking counts only the ratings released to agencies");
        group.MapPost("/{period}/publish", Publish).RequireAuthorization(Roles.Office).WithSummary("发布排名 Publish a period's ranking once it has ended; fixed afterwards (office)");
        return group;
    }

    static async Task<Ok<List<RankingResponse>>> Published(SupervisionDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Rankings.AsNoTracking().OrderByDescending(r => r.Period).ToListAsync(ct)).Select(FromPublished).ToList());

    static async Task<Results<Ok<RankingResponse>, ValidationProblem, ProblemHttpResult>> One(string period, SupervisionDb db, CancellationToken ct)
    {
        if (!Period.TryParse(period, out _)) return Problems.BadPeriod();
        var ranking = await db.Rankings.AsNoTracking().FirstOrDefaultAsync(r => r.Period == period, ct);
        return ranking is null ? Problems.NotFound("Not published.", $"No ranking of {period} has been published.") : TypedResults.Ok(FromPublished(ranking));
    }

    static async Task<Results<Ok<RankingResponse>, ValidationProblem>> Draft(string period, SupervisionDb db, IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
        var minimum = options.Value.RankingMinimumSample;
        return TypedResults.Ok(new RankingResponse(period, false, minimum, null, await ComputeAsync(db, parsed.From, parsed.To, minimum, null, ct), Method));
    }

    static async Task<Results<Created<RankingResponse>, ValidationProblem, ProblemHttpResult>> Publish(string period, SupervisionDb db, IOptions<SupervisionOptions> options,
        Actor actor, TimeProvider clock, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
        var now = clock.GetUtcNow();
        if (ChinaTime.Day(now) <= parsed.To) return Problems.Conflict("The period has not ended.", $"{period} ends on {parsed.To:yyyy-MM-dd}; its ranking can be published from the next day.");
        if (await db.Rankings.AnyAsync(r => r.Period == period, ct)) return Problems.Conflict("Already published.", $"The ranking of {period} is published and fixed.");
        var minimum = options.Value.RankingMinimumSample;
        var ranked = await ComputeAsync(db, parsed.From, parsed.To, minimum, options.Value.RatingAnonymityThreshold, ct);
        var ranking = new PublishedRanking { Period = period, MinimumSample = minimum, Agencies = ranked, PublishedAt = now, PublishedBy = actor.Subject };
        db.Rankings.Add(ranking);
        db.EnqueueEvent(new RankingPublished(period, ranked, minimum, now), clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("Already published.", $"The ranking of {period} was published at the same moment.");
        }
        return TypedResults.Created($"/api/supervision/rankings/{period}", FromPublished(ranking));
    }

    /// <summary>The ranking of every rating (<paramref name="releasedIn"/> empty), or of the ratings released in groups of
    /// that many: a published ranking is public, and a year's must not differ from its quarters' by one rating.</summary>
    static async Task<List<RankedAgency>> ComputeAsync(SupervisionDb db, DateOnly from, DateOnly to, int minimum, int? releasedIn, CancellationToken ct)
    {
        var rated = await RankingInputs.EvaluationsOfAsync(db, from, to, ct);
        var ratings = releasedIn is { } k ? RankingInputs.ReleasedForRanking(rated, k) : RankingInputs.ForRanking(rated);
        return Ranking.Compute([.. ratings], minimum)
            .Select(l => new RankedAgency(l.AgencyCode, l.Rank, l.Ratings, Math.Round(l.Mean, 4), Math.Round(l.AdjustedMean, 4),
                l.Low is { } low ? Math.Round(low, 4) : null, l.High is { } high ? Math.Round(high, 4) : null)).ToList();
    }

    static RankingResponse FromPublished(PublishedRanking r) => new(r.Period, true, r.MinimumSample, r.PublishedAt, r.Agencies, Method);
}
