namespace Supervision.Api.Features.Evaluations;

public sealed record EvaluationRequest(string? FilingNo, int? Procedure, int? Efficiency, int? Attitude, int? Integrity, string? Comment);

public sealed record EvaluationResponse(Guid Id, string FilingNo, string CreditCode, IReadOnlyList<string> Agencies, int Procedure, int Efficiency, int Attitude, int Integrity,
    double Score, string? Comment, DateTimeOffset RatedAt);

/// <summary>What an agency learns of its ratings: scores and comments only, in no telling order, of the
/// ratings <see cref="RatingRelease"/> releases (per quarter, in groups of k); of the others only how
/// many there are. A year is the sum of its quarters' released ratings.</summary>
public sealed record AgencyEvaluations(string AgencyCode, string Period, int Ratings, int Released, double? Procedure, double? Efficiency, double? Attitude,
    double? Integrity, double? Score, IReadOnlyList<AnonymousRating> Items, string? Withheld);

public sealed record AnonymousRating(int Procedure, int Efficiency, int Attitude, int Integrity, string? Comment);

/// <summary>执法质效你来评: an enterprise rates each completed inspection it received, once, on 规范,
/// 效率, 态度, 廉洁 (1–5) with a comment.</summary>
public static class Evaluations
{
    public static RouteGroupBuilder MapEvaluations(this RouteGroupBuilder group)
    {
        group.MapPost("/", Rate).RequireAuthorization(Roles.Enterprise).WithSummary("评价检查 Rate a completed inspection you received, once (enterprise)");
        group.MapGet("/", List).RequireAuthorization().WithSummary("评价 An enterprise its own ratings, the office and the task force all, the latest first, a page at a time; an agency its anonymous ratings of a period (no paging: the released ratings of the period)");
        group.MapGet("/pending", Pending).RequireAuthorization(Roles.Enterprise).WithSummary("待评价检查 Completed inspections the enterprise has not rated yet, the latest first, a page at a time");
        return group;
    }

    static async Task<Results<Created<EvaluationResponse>, ValidationProblem, ProblemHttpResult>> Rate(EvaluationRequest r, SupervisionDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Code("filingNo", r.FilingNo, 40, "The filing number of the inspection, e.g. BA2026-YJ-00001.");
        foreach (var (field, score) in new[] { ("procedure", r.Procedure), ("efficiency", r.Efficiency), ("attitude", r.Attitude), ("integrity", r.Integrity) })
            v.Require(score is >= 1 and <= 5, field, "A score from 1 to 5.");
        v.OptionalText("comment", r.Comment, 500, min: 0, multiline: true);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.FilingNo == r.FilingNo && i.CreditCode == actor.CreditCode && i.CompletedAt != null, ct);
        Telemetry.TagInspection(inspection?.JointId, inspection?.FilingNo);
        if (inspection is null) return Problems.NotFound("No such inspection.", $"No completed inspection {r.FilingNo} at your enterprise.");
        if (await db.Evaluations.AnyAsync(e => e.FilingNo == r.FilingNo, ct)) return Problems.Conflict("Already rated.", "Each inspection is rated once.");
        var now = clock.GetUtcNow();
        var evaluation = new Evaluation
        {
            Id = Guid.CreateVersion7(now), FilingNo = r.FilingNo!, CreditCode = actor.CreditCode!, Procedure = r.Procedure!.Value, Efficiency = r.Efficiency!.Value,
            Attitude = r.Attitude!.Value, Integrity = r.Integrity!.Value, Comment = string.IsNullOrWhiteSpace(r.Comment) ? null : r.Comment.Trim(), RatedAt = now, RatedBy = actor.Subject,
        };
        db.Evaluations.Add(evaluation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("Already rated.", "Each inspection is rated once.");
        }
        return TypedResults.Created($"/api/supervision/evaluations/{evaluation.Id}", Response(evaluation, inspection.Agencies));
    }

    public sealed record PendingInspection(string FilingNo, string LeadAgency, IReadOnlyList<string> Agencies, DateTimeOffset CompletedAt, int Findings);

    static async Task<Results<Ok<Page<PendingInspection>>, ValidationProblem>> Pending(SupervisionDb db, Actor actor, string? after, int? limit, CancellationToken ct)
    {
        var v = new Validation().After(after);
        var size = v.Limit(limit);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rated = db.Evaluations.Select(e => e.FilingNo);
        var query = db.Inspections.AsNoTracking().Where(i => i.CreditCode == actor.CreditCode && i.CompletedAt != null && !rated.Contains(i.FilingNo));
        if (after is not null)
        {
            // Keyset, the latest inspection first; the filing number orders those completed in one instant.
            var key = await query.Where(i => i.FilingNo == after).Select(i => new { i.CompletedAt, i.FilingNo }).FirstOrDefaultAsync(ct);
            if (key is null) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = query.Where(i => i.CompletedAt < key.CompletedAt || (i.CompletedAt == key.CompletedAt && string.Compare(i.FilingNo, key.FilingNo) < 0));
        }
        return TypedResults.Ok(await query.OrderByDescending(i => i.CompletedAt).ThenByDescending(i => i.FilingNo)
            .PageAsync(size, i => i.FilingNo, i => new PendingInspection(i.FilingNo, i.LeadAgency, i.Agencies, i.CompletedAt!.Value, i.Findings), ct));
    }

    static AgencyEvaluations ForAgency(IReadOnlyList<RankingInputs.RatedInspection> ratings, string agency, string period, int threshold)
    {
        var all = ratings.Count(r => r.Agencies.Contains(agency));
        var released = RankingInputs.ReleasedOf(ratings, agency, threshold).Select(r => r.Evaluation).ToList();
        var shown = released.Count > 0;
        return new AgencyEvaluations(agency, period, all, released.Count,
            shown ? released.Average(e => e.Procedure) : null, shown ? released.Average(e => e.Efficiency) : null, shown ? released.Average(e => e.Attitude) : null,
            shown ? released.Average(e => e.Integrity) : null, shown ? released.Average(e => e.Score) : null,
            // By score and text, never by time: the order tells nothing of which rating came when.
            [.. released.Select(e => new AnonymousRating(e.Procedure, e.Efficiency, e.Attitude, e.Integrity, e.Comment))
                .OrderBy(a => a.Procedure + a.Efficiency + a.Attitude + a.Integrity).ThenBy(a => a.Comment, StringComparer.Ordinal)],
            !shown ? $"Fewer than {threshold} ratings in {period}: only their count is shown, so none points at its enterprise."
            : released.Count < all ? $"{all - released.Count} of the {all} ratings in {period} are held back: each quarter's ratings are shown in groups of {threshold}, so no comparison points at one of them."
            : null);
    }

    static EvaluationResponse Response(Evaluation e, IReadOnlyList<string> agencies) =>
        new(e.Id, e.FilingNo, e.CreditCode, agencies, e.Procedure, e.Efficiency, e.Attitude, e.Integrity, e.Score, e.Comment, e.RatedAt);

    static async Task<IResult> List(SupervisionDb db, Actor actor, IOptions<SupervisionOptions> options, string? period, string? after, int? limit, CancellationToken ct)
    {
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline) || actor.IsIn(Roles.Enterprise))
        {
            var v = new Validation().After(after);
            var size = v.Limit(limit);
            if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
            var query = from e in db.Evaluations.AsNoTracking() join i in db.Inspections.AsNoTracking() on e.FilingNo equals i.FilingNo select new { e, i.Agencies, i.CompletedAt };
            if (!(actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline))) query = query.Where(x => x.e.CreditCode == actor.CreditCode);
            if (period is not null)
            {
                if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
                var (start, end) = (ChinaTime.StartOfDay(parsed.From), ChinaTime.StartOfDay(parsed.To.AddDays(1)));
                query = query.Where(x => x.CompletedAt >= start && x.CompletedAt < end);
            }
            if (after is not null)
            {
                // The filing number (one rating each) orders ratings of one instant.
                if (await query.AfterAsync(after, x => x.e.RatedAt, x => x.e.FilingNo, ct) is not { } rest) return TypedResults.ValidationProblem(Paging.UnknownAfter);
                query = rest;
            }
            return TypedResults.Ok(await query.OrderByDescending(x => x.e.RatedAt).ThenByDescending(x => x.e.FilingNo)
                .PageAsync(size, x => x.e.FilingNo, x => Response(x.e, x.Agencies), ct));
        }
        if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency)
        {
            if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
            var ratings = await RankingInputs.EvaluationsOfAsync(db, parsed.From, parsed.To, ct);
            return TypedResults.Ok(ForAgency(ratings, agency, period!, options.Value.RatingAnonymityThreshold));
        }
        return Problems.Forbidden("Evaluations are for the rating enterprise, the agencies rated (anonymously) and the office.");
    }
}
