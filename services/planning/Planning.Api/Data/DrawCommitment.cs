namespace Planning.Api.Data;

/// <summary>The period's commitment for random draws (双随机): the SHA-256 of a secret the office
/// publishes before any draw of the period, and reveals once the period is over. Every draw's seed is
/// derived from the secret and the draw's public inputs, so no drawer chooses it or can foresee it,
/// and anyone can check afterwards that the seed was not chosen either.</summary>
public sealed class DrawCommitment
{
    public required string Period { get; init; }
    /// <summary>The id of the county's draw key the secret is derived from (<see cref="Features.Drawing.DrawKeys"/>):
    /// the secret itself is kept nowhere, and shown to nobody until the period is over.</summary>
    public required string KeyId { get; init; }
    /// <summary>SHA-256 of the secret's hex text, lower-case hex: public from the start.</summary>
    public required string Commitment { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
}
