namespace Supervision.Api.Data;

/// <summary>A card as it was submitted; never changed afterwards. The submitter is protected: only the
/// office and the task force see who it is, unless the submitter consented to be named.</summary>
public sealed class SupervisionCard
{
    public Guid Id { get; init; }
    public CardType Type { get; init; }
    public CardSource Source { get; init; }
    public string? SubmitterCreditCode { get; init; }
    public string? SubmitterName { get; init; }
    public bool ConsentToDisclose { get; init; }
    public string? AgencyCode { get; init; }
    public string? FilingNo { get; init; }
    public string? ProvisionalNo { get; init; }
    public string Description { get; init; } = "";
    public DateOnly? OccurredOn { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    public string SubmittedBy { get; init; } = "";
    public string? SubmittedVia { get; init; }
    /// <summary>The event a system-opened card came from (refusal id, provisional number): one card each.</summary>
    public string? SourceReference { get; init; }
}
