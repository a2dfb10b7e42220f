using System.Diagnostics.Metrics;

namespace Messaging;

/// <summary>The platform's meter as the messaging parts record on it (outbox, consumers, sweeps).</summary>
static class MessagingMetrics
{
    public static readonly Meter Meter = new(ServiceDefaults.Telemetry.SourceName);

    static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>("consumer.group_size", "{message}", "Messages applied in one transaction by a group-commit consumer");
    static readonly Histogram<double> ConsumerLag = Meter.CreateHistogram<double>("consumer.lag", "ms", "Time from a message's publication to its consumption");

    /// <summary>Records how long a message took from its publication (<paramref name="sent"/>) to its effect.</summary>
    public static void RecordLag(string consumer, DateTime? sent, DateTime now)
    {
        if (sent is { } at) ConsumerLag.Record(Math.Max(0, (now - at).TotalMilliseconds), new KeyValuePair<string, object?>("consumer", consumer));
    }

    public static void RecordGroupSize(string consumer, int size) => GroupSize.Record(size, new KeyValuePair<string, object?>("consumer", consumer));
}
