namespace Messaging;

/// <summary>How a failing message is retried (<c>Messaging:Parking</c>): a few immediate retries for a
/// blip, then parked and sent again after a back-off that doubles from <see cref="FirstDelay"/> to
/// <see cref="MaxDelay"/>, so a dependency away for minutes (a database failover, a restart) loses nothing.</summary>
public sealed class ParkingOptions
{
    /// <summary>Retries within the consume, 0.1 s to 2 s apart, before the message is parked.</summary>
    public int ImmediateRetries { get; set; } = 3;
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>Failed consumes after which the message is dead: with the defaults, about four hours of
    /// failing (30 s, 1, 2, 4, 8, 16 minutes, then every 30 minutes).</summary>
    public int MaxAttempts { get; set; } = 12;
    /// <summary>How often due parked messages are looked for; an operator's replay wakes the look at once.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(15);
    public int BatchSize { get; set; } = 100;

    public TimeSpan Backoff(int attempts)
    {
        var seconds = FirstDelay.TotalSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
    }
}
