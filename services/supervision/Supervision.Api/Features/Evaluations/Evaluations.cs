namespace Supervision.Api.Features.Evaluations;

public sealed record EvaluationRequest(string? FilingNo, int? Procedure, int? Efficiency, int? Attitude, int? Integrity, string? Comment);

public sealed record EvaluationResponse(Guid Id, string FilingNo, string CreditCode, IReadOnlyList<string> Agencies, int Procedure, int Efficiency, int Attitude, int Integrity,
    double Score, string? Comment, DateTimeOffset RatedAt);

/// <summary>What an agency learns of its ratings: scores and comments only, in no telling order, and
/// only once a period holds enough of them that no single rating points at its enterprise.</summary>
public sealed record AgencyEvaluations(string AgencyCode, string Period, int Ratings, double? Procedure, double? Efficiency, double? Attitude, double? Integrity, double? Score,
    IReadOnlyList<AnonymousRating> Items, string? Withheld);

public sealed record AnonymousRating(int Procedure, int Efficiency, int Attitude, int Integrity, string? Comment);

/// <summary>执法质效你来评: an enterprise rates each completed inspection it received, once, on 规范,
/// 效率, 态度, 廉洁 (1–5) with a comment.</summary>
public static class Evaluations
{
    /// <summary>Fewer ratings than this in a period, and an agency sees only their count.</summary>
    public const int AnonymityThreshold = 3;

    public static RouteGroupBuilder MapEvaluations(this RouteGroupBuilder group)
    {
        group.MapPost("/", Rate).RequireAuthorization(Roles.Enterprise).WithSummary("评价检查 Rate a completed inspection you received, once (enterprise)");
        group.MapGet("/", List).RequireAuthorization().WithSummary("评价 An enterprise its own ratings; an agency its anonymous ratings of a period; the office and the task force all");
        group.MapGet("/pending", Pending).RequireAuthorization(Roles.Enterprise).WithSummary("待评价检查 Completed inspections the enterprise has not rated yet");
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

    static async Task<Ok<List<PendingInspection>>> Pending(SupervisionDb db, Actor actor, CancellationToken ct)
    {
        var rated = db.Evaluations.Select(e => e.FilingNo);
        var pending = await db.Inspections.AsNoTracking()
            .Where(i => i.CreditCode == actor.CreditCode && i.CompletedAt != null && !rated.Contains(i.FilingNo))
            .OrderByDescending(i => i.CompletedAt).Take(100).ToListAsync(ct);
        return TypedResults.Ok(pending.Select(i => new PendingInspection(i.FilingNo, i.LeadAgency, i.Agencies, i.CompletedAt!.Value, i.Findings)).ToList());
    }

    static EvaluationResponse Response(Evaluation e, IReadOnlyList<string> agencies) =>
        new(e.Id, e.FilingNo, e.CreditCode, agencies, e.Procedure, e.Efficiency, e.Attitude, e.Integrity, e.Score, e.Comment, e.RatedAt);

    static async Task<IResult> List(SupervisionDb db, Actor actor, string? period, CancellationToken ct)
    {
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline) || actor.IsIn(Roles.Enterprise))
        {
            var query = from e in db.Evaluations.AsNoTracking() join i in db.Inspections.AsNoTracking() on e.FilingNo equals i.FilingNo select new { e, i.Agencies, i.CompletedAt };
            if (!(actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline))) query = query.Where(x => x.e.CreditCode == actor.CreditCode);
            if (period is not null)
            {
                if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
                var (start, end) = (ChinaTime.StartOfDay(parsed.From), ChinaTime.StartOfDay(parsed.To.AddDays(1)));
                query = query.Where(x => x.CompletedAt >= start && x.CompletedAt < end);
            }
            var rows = await query.OrderByDescending(x => x.e.RatedAt).Take(1000).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(x => Response(x.e, x.Agencies)).ToList());
        }
        if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency)
        {
            if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
            var ratings = await RankingInputs.EvaluationsOfAsync(db, parsed.From, parsed.To, ct);
            var own = ratings.Where(x => x.Agencies.Contains(agency)).Select(x => x.Evaluation).ToList();
            var shown = own.Count >= AnonymityThreshold;
            return TypedResults.Ok(new AgencyEvaluations(agency, period!, own.Count,
                shown ? own.Average(e => e.Procedure) : null, shown ? own.Average(e => e.Efficiency) : null, shown ? own.Average(e => e.Attitude) : null,
                shown ? own.Average(e => e.Integrity) : null, shown ? own.Average(e => e.Score) : null,
                shown ? own.Select(e => new AnonymousRating(e.Procedure, e.Efficiency, e.Attitude, e.Integrity, e.Comment))
                    .OrderBy(a => a.Procedure + a.Efficiency + a.Attitude + a.Integrity).ThenBy(a => a.Comment, StringComparer.Ordinal).ToList() : [],
                shown ? null : $"Fewer than {AnonymityThreshold} ratings in {period}: only their count is shown, so none points at its enterprise."));
        }
        return Problems.Forbidden("Evaluations are for the rating enterprise, the agencies rated (anonymously) and the office.");
    }
}
