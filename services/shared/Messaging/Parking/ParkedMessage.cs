namespace Messaging;

/// <summary>A message a consumer could not handle after its immediate retries: kept in the consuming
/// service's own database with why, and sent to the consumer's queue again after a back-off until it
/// succeeds (the row is then deleted) or fails <see cref="ParkingOptions.MaxAttempts"/> times (the row is
/// then dead, kept with its last error for an operator to replay or discard). Not <c>INotAudited</c>: an
/// operator's replay or discard is recorded with who did it; parking and redelivery write it by SQL.</summary>
public sealed class ParkedMessage
{
    public long Id { get; private set; }
    public Guid MessageId { get; private set; }
    /// <summary>The consumer's queue (<c>filing-enterprise-registered</c>): where the message goes again.</summary>
    public string Queue { get; private set; } = "";
    public string MessageType { get; private set; } = "";
    /// <summary>The message as the consumer received it. Never shown to an operator: a complaint's
    /// words may be in it.</summary>
    public string Body { get; private set; } = "";
    public string Error { get; private set; } = "";
    /// <summary>Failed consumes after the immediate retries, the first parking included.</summary>
    public int Attempts { get; private set; }
    public DateTimeOffset ParkedAt { get; private set; }
    public DateTimeOffset LastFailedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeadAt { get; set; }
}
