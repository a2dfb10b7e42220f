namespace Supervision.Api.Data;

/// <summary>What a supervision card (监督卡) reports.</summary>
public enum CardType
{
    /// <summary>吃拿卡要: demands for favours, meals, fees or gifts.</summary>
    Misconduct,
    /// <summary>态度粗暴: rude or overbearing conduct.</summary>
    RudeConduct,
    /// <summary>未备案检查: an inspection without a filing.</summary>
    UnfiledInspection,
    /// <summary>合理诉求: a reasonable demand of the enterprise.</summary>
    ReasonableDemand,
}

/// <summary>Where a card came from: written by an enterprise, or opened from filing's events.</summary>
public enum CardSource { Enterprise, Refusal, BackfillOverdue }

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
