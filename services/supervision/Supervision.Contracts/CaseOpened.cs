namespace Supervision.Contracts;

/// <summary>A supervision card (监督卡) became a case (一事一账). Carries nothing that identifies the
/// submitter: the complainant is protected wherever the event travels.</summary>
public sealed record CaseOpened(Guid CaseId, string CaseNo, CardType CardType, CardSource Source, string? AgencyCode, DateTimeOffset OpenedAt)
{
    public int Version { get; init; } = 1;
}
