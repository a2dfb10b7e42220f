namespace Supervision.Contracts;

/// <summary>The office published the agencies' ranking for a period (评议结果和排名公示); it is public
/// and never changes afterwards.</summary>
public sealed record RankingPublished(string Period, IReadOnlyList<RankedAgency> Agencies, int MinimumSample, DateTimeOffset PublishedAt)
{
    public int Version { get; init; } = 1;
}

/// <summary>One agency's line: rank (none with too few ratings), adjusted mean with its 95% interval,
/// raw mean and sample size.</summary>
public sealed record RankedAgency(string AgencyCode, int? Rank, int Ratings, double Mean, double AdjustedMean, double? Low, double? High);
