namespace Supervision.Domain;

/// <summary>How an inspection ended, which colours how it is rated: enterprises rate inspections that
/// ended in a penalty lower whoever carried them out, so agencies are compared within these strata.</summary>
public enum OutcomeStratum { NoFindings, FindingsWithoutPenalty, Penalty }

/// <summary>One enterprise's rating of one inspection as it counts for one agency: the mean of its four
/// scores (规范, 效率, 态度, 廉洁).</summary>
public sealed record AgencyRating(string AgencyCode, OutcomeStratum Stratum, double Score);

/// <summary>An agency's line of a ranking. <see cref="Rank"/> is empty when the agency has fewer ratings
/// than the minimum sample: it is shown, not ranked. The interval is empty below two ratings.</summary>
public sealed record RankingLine(string AgencyCode, int? Rank, int Ratings, double Mean, double AdjustedMean, double? Low, double? High,
    IReadOnlyDictionary<OutcomeStratum, int> RatingsByStratum);

/// <summary>Case-mix adjusted ranking by indirect standardisation. For each stratum the county-wide
/// mean is taken over every rating of the period; an agency's adjusted mean is the county mean plus the
/// average by which its ratings differ from their own stratum's county mean. An agency whose
/// inspections often end in penalties is thus compared with other penalty inspections, not with
/// friendly visits. The 95% interval is Student's t over those differences.</summary>
public static class Ranking
{
    public const int DefaultMinimumSample = 5;

    public static IReadOnlyList<RankingLine> Compute(IReadOnlyCollection<AgencyRating> ratings, int minimumSample = DefaultMinimumSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSample, 1);
        if (ratings.Count == 0) return [];
        var countyMean = ratings.Average(r => r.Score);
        var stratumMeans = ratings.GroupBy(r => r.Stratum).ToDictionary(g => g.Key, g => g.Average(r => r.Score));

        var lines = ratings.GroupBy(r => r.AgencyCode).Select(g =>
        {
            var differences = g.Select(r => r.Score - stratumMeans[r.Stratum]).ToList();
            var n = differences.Count;
            var adjusted = countyMean + differences.Average();
            double? low = null, high = null;
            if (n >= 2)
            {
                var meanDifference = differences.Average();
                var sd = Math.Sqrt(differences.Sum(d => (d - meanDifference) * (d - meanDifference)) / (n - 1));
                var half = StudentT.Critical95(n - 1) * sd / Math.Sqrt(n);
                (low, high) = (adjusted - half, adjusted + half);
            }
            var byStratum = g.GroupBy(r => r.Stratum).ToDictionary(s => s.Key, s => s.Count());
            return new RankingLine(g.Key, null, n, g.Average(r => r.Score), adjusted, low, high, byStratum);
        }).ToList();

        // Competition ranking (1, 2, 2, 4) among agencies with enough ratings; ties on the adjusted mean
        // rounded to 4 places, so floating noise never splits equals.
        var ranked = lines.Where(l => l.Ratings >= minimumSample).OrderByDescending(l => Math.Round(l.AdjustedMean, 4)).ThenBy(l => l.AgencyCode, StringComparer.Ordinal).ToList();
        var result = new List<RankingLine>(lines.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && Math.Round(ranked[i].AdjustedMean, 4) == Math.Round(ranked[i - 1].AdjustedMean, 4) ? result[i - 1].Rank : i + 1;
            result.Add(ranked[i] with { Rank = rank });
        }
        result.AddRange(lines.Where(l => l.Ratings < minimumSample).OrderBy(l => l.AgencyCode, StringComparer.Ordinal));
        return result;
    }
}
