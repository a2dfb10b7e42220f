namespace Supervision.Api.Data;

/// <summary>执法质效你来评: one enterprise's rating of one completed inspection it received, once.
/// Agencies see the scores and the comment, never the enterprise, the filing or the time.</summary>
public sealed class Evaluation
{
    public Guid Id { get; init; }
    public required string FilingNo { get; init; }
    public required string CreditCode { get; init; }
    /// <summary>规范: lawful, announced, by the procedure.</summary>
    public int Procedure { get; init; }
    /// <summary>效率: short, prepared, no repeat visits.</summary>
    public int Efficiency { get; init; }
    /// <summary>态度: courteous, explains.</summary>
    public int Attitude { get; init; }
    /// <summary>廉洁: asks for nothing.</summary>
    public int Integrity { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset RatedAt { get; init; }
    public string RatedBy { get; init; } = "";

    public double Score => (Procedure + Efficiency + Attitude + Integrity) / 4.0;
}

/// <summary>A published ranking: fixed once written.</summary>
public sealed class PublishedRanking
{
    public required string Period { get; init; }
    public int MinimumSample { get; init; }
    public List<RankedAgency> Agencies { get; init; } = [];
    public DateTimeOffset PublishedAt { get; init; }
    public string PublishedBy { get; init; } = "";
}
