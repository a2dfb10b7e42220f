using System.Diagnostics.Metrics;

namespace Messaging;

/// <summary>The platform's meter as the messaging parts record on it (outbox, consumers, sweeps).</summary>
static class MessagingMetrics
{
    public static readonly Meter Meter = new(ServiceDefaults.Telemetry.SourceName);
}
