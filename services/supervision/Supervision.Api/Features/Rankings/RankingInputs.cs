namespace Supervision.Api.Features;

/// <summary>A period's ratings as the ranking counts them: by when the inspection was completed, each
/// counted for every agency that took part, in the stratum of how the inspection ended.</summary>
public static class RankingInputs
{
    public sealed record RatedInspection(Evaluation Evaluation, IReadOnlyList<string> Agencies, OutcomeStratum Stratum);

    public static async Task<List<RatedInspection>> EvaluationsOfAsync(SupervisionDb db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = (ChinaTime.StartOfDay(from), ChinaTime.StartOfDay(to.AddDays(1)));
        var rows = await (from e in db.Evaluations.AsNoTracking()
                          join i in db.Inspections.AsNoTracking() on e.FilingNo equals i.FilingNo
                          where i.CompletedAt >= start && i.CompletedAt < end
                          select new { e, i.Agencies, i.Findings, Penalty = db.Decisions.Any(d => d.FilingNo == i.FilingNo && d.Penalty) })
            .ToListAsync(ct);
        return rows.Select(x => new RatedInspection(x.e, x.Agencies,
            x.Penalty ? OutcomeStratum.Penalty : x.Findings > 0 ? OutcomeStratum.FindingsWithoutPenalty : OutcomeStratum.NoFindings)).ToList();
    }

    public static IReadOnlyList<AgencyRating> ForRanking(IEnumerable<RatedInspection> rated) =>
        rated.SelectMany(r => r.Agencies.Distinct().Select(a => new AgencyRating(a, r.Stratum, r.Evaluation.Score))).ToList();
}
