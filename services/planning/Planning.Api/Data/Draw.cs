namespace Planning.Api.Data;

/// <summary>A double random draw (双随机), kept whole and public: the seed, the pool it drew from
/// and its hash, the algorithm version, and what it drew, so anyone can re-run it.</summary>
public sealed class Draw
{
    public Guid Id { get; init; }
    public required string AgencyCode { get; init; }
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
