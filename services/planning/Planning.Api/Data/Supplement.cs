using Planning.Domain.Consolidation;

namespace Planning.Api.Data;

/// <summary>One run of a supplementary plan (补充计划) of a period: a draft the office reviews, then
/// publishes under the next number. A draft goes stale when another supplement is published first.</summary>
public sealed class Supplement
{
    public Guid Id { get; init; }
    public required string Period { get; init; }
    /// <summary>The published plan it adds to.</summary>
    public Guid ConsolidationId { get; init; }
    public ConsolidationStatus Status { get; set; }
    /// <summary>Given when published: 1 for the first supplement of the period.</summary>
    public int? Number { get; set; }
    /// <summary>How many supplements were published when it ran: it was consolidated against those.</summary>
    public int PublishedBefore { get; init; }
    public required SupplementResult Result { get; init; }
    public DateTimeOffset RanAt { get; init; }
    public required string RanBy { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}
