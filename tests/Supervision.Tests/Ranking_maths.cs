using Supervision.Domain;
using Xunit;

namespace Supervision.Tests;

/// <summary>The ranking on examples computed by hand (fractions in the comments).</summary>
public sealed class Ranking_maths
{
    const OutcomeStratum Clean = OutcomeStratum.NoFindings, Penalty = OutcomeStratum.Penalty;

    // Stratum means: no findings (5, 4, 4, 5) → 4.5; penalty (3, 2, 2) → 7/3. County mean 25/7.
    static readonly AgencyRating[] Ratings =
    [
        new("YJ", Clean, 5), new("YJ", Clean, 4), new("YJ", Penalty, 3),
        new("SJ", Clean, 4), new("SJ", Penalty, 2), new("SJ", Penalty, 2),
        new("XF", Clean, 5),
    ];

    [Fact]
    public void Adjusted_means_intervals_and_ranks_match_the_hand_computation()
    {
        var lines = Ranking.Compute(Ratings, minimumSample: 2);

        var yj = lines.Single(l => l.AgencyCode == "YJ");
        Assert.Equal(1, yj.Rank);
        Assert.Equal(3, yj.Ratings);
        Assert.Equal(4.0, yj.Mean, 10);
        // Differences +1/2, −1/2, +2/3 → mean 2/9; 25/7 + 2/9 = 239/63.
        Assert.Equal(239.0 / 63, yj.AdjustedMean, 10);

        var sj = lines.Single(l => l.AgencyCode == "SJ");
        Assert.Equal(2, sj.Rank);
        Assert.Equal(8.0 / 3, sj.Mean, 10);
        // Differences −1/2, −1/3, −1/3 → mean −7/18; 25/7 − 7/18 = 401/126.
        Assert.Equal(401.0 / 126, sj.AdjustedMean, 10);
        // Deviations −1/9, 1/18, 1/18: variance (1/81 + 2/324)/2 = 1/108; t(2) = 4.303; half width 4.303·√(1/108)/√3.
        var half = 4.303 * Math.Sqrt(1.0 / 108) / Math.Sqrt(3);
        Assert.Equal(401.0 / 126 - half, sj.Low!.Value, 10);
        Assert.Equal(401.0 / 126 + half, sj.High!.Value, 10);
        Assert.Equal(2, sj.RatingsByStratum[Penalty]);

        // One rating: shown with its numbers (25/7 + 1/2), never ranked, no interval.
        var xf = lines.Single(l => l.AgencyCode == "XF");
        Assert.Null(xf.Rank);
        Assert.Equal(1, xf.Ratings);
        Assert.Equal(25.0 / 7 + 0.5, xf.AdjustedMean, 10);
        Assert.Null(xf.Low);
        Assert.Equal(["YJ", "SJ", "XF"], lines.Select(l => l.AgencyCode));
    }

    [Fact]
    public void An_agency_with_too_few_ratings_is_listed_after_the_ranked_ones_without_a_rank_even_with_the_best_mean()
    {
        var lines = Ranking.Compute(Ratings, minimumSample: 3);
        Assert.Equal([1, 2], lines.Where(l => l.Rank is not null).Select(l => l.Rank!.Value));
        Assert.Equal("XF", lines[^1].AgencyCode);
        Assert.Null(lines[^1].Rank);
        Assert.True(lines[^1].AdjustedMean > lines[0].AdjustedMean);
    }

    [Fact]
    public void Case_mix_adjustment_puts_an_agency_whose_inspections_end_in_penalties_where_its_conduct_belongs()
    {
        // ZF's visits end in penalties and are rated 3; everyone else's penalty visits are rated 1.
        // SW's visits find nothing and are rated 4; everyone else's clean visits are rated 5.
        AgencyRating[] ratings =
        [
            new("ZF", Penalty, 3), new("ZF", Penalty, 3),
            new("GA", Penalty, 1), new("GA", Penalty, 1),
            new("SW", Clean, 4), new("SW", Clean, 4),
            new("HB", Clean, 5), new("HB", Clean, 5),
        ];
        var lines = Ranking.Compute(ratings, minimumSample: 2);
        var zf = lines.Single(l => l.AgencyCode == "ZF");
        var sw = lines.Single(l => l.AgencyCode == "SW");
        Assert.True(zf.Mean < sw.Mean);                 // raw: 3 against 4
        Assert.True(zf.AdjustedMean > sw.AdjustedMean); // adjusted: +1 against −0.5 from their strata
        Assert.Equal(1, zf.Rank);
        // County mean 26/8; strata 2 (penalty) and 4.5 (clean): ZF 4.25, HB 3.75, SW 2.75, GA 2.25.
        Assert.Equal(["ZF", "HB", "SW", "GA"], lines.Select(l => l.AgencyCode));
        Assert.Equal(4.25, zf.AdjustedMean, 10);
        Assert.Equal(0.0, zf.High!.Value - zf.Low!.Value, 10);   // identical differences: no spread
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_is_skipped()
    {
        AgencyRating[] ratings = [new("A", Clean, 4), new("A", Clean, 4), new("B", Clean, 4), new("B", Clean, 4), new("C", Clean, 2), new("C", Clean, 2)];
        var lines = Ranking.Compute(ratings, minimumSample: 2);
        Assert.Equal([(string?)"A", "B", "C"], lines.Select(l => (string?)l.AgencyCode));
        Assert.Equal([1, 1, 3], lines.Select(l => l.Rank!.Value));
    }

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(10, 2.228)]
    [InlineData(30, 2.042)]
    [InlineData(40, 2.021)]
    [InlineData(120, 1.980)]
    public void Critical_values_of_t_match_the_tables(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentT.Critical95(degreesOfFreedom), 3);

    [Fact]
    public void Nothing_rated_ranks_nothing() => Assert.Empty(Ranking.Compute([]));
}
