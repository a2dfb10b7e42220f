namespace Planning.Contracts;

/// <summary>An enterprise left the park from <c>LeftOn</c>: it is no longer inspected from that day;
/// its history stays. <c>Revision</c> continues the enterprise's revisions.</summary>
public sealed record EnterpriseLeftThePark(
    string CreditCode,
    string Name,
    int Revision,
    DateOnly LeftOn,
    string Reason,
    DateTimeOffset RecordedAt)
{
    public int Version { get; init; } = 1;
}
