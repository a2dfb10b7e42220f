namespace Planning.Api.Data;

/// <summary>A double random draw (双随机), kept whole and public: the seed, the pool it drew from
/// and its hash, the algorithm version, and what it drew, so anyone can re-run it. A draw is for a
/// purpose (an agency's matters in a period); the first draw for a purpose is the one that counts,
/// and any later one (a re-draw) is kept with its reason, public like the first.</summary>
public sealed class Draw
{
    public Guid Id { get; init; }
    public required string AgencyCode { get; init; }
    public required string Period { get; init; }
    /// <summary>The matters drawn for, sorted: with the agency and the period, the draw's purpose.</summary>
    public List<string> MatterCodes { get; init; } = [];
    /// <summary>The matter codes joined by commas: what makes two draws' purposes the same.</summary>
    public required string Purpose { get; init; }
    /// <summary>1 for the first draw for its purpose, the one that counts; 2, 3, … for re-draws.</summary>
    public int Number { get; init; }
    /// <summary>Why it was drawn again (required for a re-draw).</summary>
    public string? Reason { get; init; }
    public required string Seed { get; init; }
    public required string AlgorithmVersion { get; init; }
    public required string PoolHash { get; init; }
    public List<string> Pool { get; init; } = [];
    public List<string> Enterprises { get; init; } = [];
    public List<Inspector> Inspectors { get; init; } = [];
    /// <summary>The roster as it was when drawn.</summary>
    public List<Inspector> Roster { get; init; } = [];
    public List<Recusal> Recusals { get; init; } = [];
    public DateTimeOffset DrawnAt { get; init; }
    public required string DrawnBy { get; init; }
}
