namespace Supervision.Api.Features;

/// <summary>A period's ratings as the ranking counts them: by when the inspection was completed, each
/// counted for every agency that took part, in the stratum of how the inspection ended.</summary>
public static class RankingInputs
{
    public sealed record RatedInspection(Evaluation Evaluation, IReadOnlyList<string> Agencies, OutcomeStratum Stratum, DateOnly CompletedOn);

    public static async Task<List<RatedInspection>> EvaluationsOfAsync(SupervisionDb db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = (ChinaTime.StartOfDay(from), ChinaTime.StartOfDay(to.AddDays(1)));
        var rows = await (from e in db.Evaluations.AsNoTracking()
                          join i in db.Inspections.AsNoTracking() on e.FilingNo equals i.FilingNo
                          where i.CompletedAt >= start && i.CompletedAt < end
                          select new { e, i.Agencies, i.Findings, i.CompletedAt, Penalty = db.Decisions.Any(d => d.FilingNo == i.FilingNo && d.Penalty) })
            .ToListAsync(ct);
        return rows.Select(x => new RatedInspection(x.e, x.Agencies,
            x.Penalty ? OutcomeStratum.Penalty : x.Findings > 0 ? OutcomeStratum.FindingsWithoutPenalty : OutcomeStratum.NoFindings,
            ChinaTime.Day(x.CompletedAt!.Value))).ToList();
    }

    /// <summary>What of a period's ratings may reach an agency, as <see cref="RatingRelease"/> releases them:
    /// per agency and quarter, in groups of <paramref name="threshold"/>.</summary>
    public static IReadOnlyList<RatedInspection> ReleasedOf(IEnumerable<RatedInspection> rated, string agency, int threshold) =>
        RatingRelease.ReleasedByQuarter(rated.Where(r => r.Agencies.Contains(agency)), r => r.CompletedOn, r => r.Evaluation.RatedAt, r => r.Evaluation.Id, threshold);

    /// <summary>The ratings as they count for each agency, each agency's released ones only: a published
    /// ranking is public, so it is read by the agencies too.</summary>
    public static IReadOnlyList<AgencyRating> ReleasedForRanking(IReadOnlyCollection<RatedInspection> rated, int threshold) =>
        rated.SelectMany(r => r.Agencies).Distinct().Order(StringComparer.Ordinal)
            .SelectMany(a => ReleasedOf(rated, a, threshold).Select(r => new AgencyRating(a, r.Stratum, r.Evaluation.Score))).ToList();

    public static IReadOnlyList<AgencyRating> ForRanking(IEnumerable<RatedInspection> rated) =>
        rated.SelectMany(r => r.Agencies.Distinct().Select(a => new AgencyRating(a, r.Stratum, r.Evaluation.Score))).ToList();
}
