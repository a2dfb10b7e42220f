using System.Collections.Concurrent;
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

    static readonly Counter<long> Parkings = Meter.CreateCounter<long>("messaging.parkings", "{message}", "Failed consumes that parked a message (or killed it), by queue and outcome");
    static readonly ConcurrentDictionary<(string Queue, bool Dead), long> Parked = new();
    static readonly ObservableGauge<long> ParkedGauge = Meter.CreateObservableGauge("messaging.parked", () =>
        Parked.Select(p => new Measurement<long>(p.Value, new("queue", p.Key.Queue), new("state", p.Key.Dead ? "dead" : "parked"))), "{message}",
        "Messages waiting in the parked_messages table of this service, by consumer queue and state (parked: sent again later; dead: waits for an operator)");

    public static void RecordParking(string queue, bool dead) =>
        Parkings.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("outcome", dead ? "dead" : "parked"));

    /// <summary>The counts the redelivery last saw; a queue no longer listed drops to zero.</summary>
    public static void SetParked(IEnumerable<(string Queue, bool Dead, long Count)> counts)
    {
        var seen = counts.ToDictionary(c => (c.Queue, c.Dead), c => c.Count);
        foreach (var key in Parked.Keys.Union(seen.Keys)) Parked[key] = seen.GetValueOrDefault(key);
    }

    public static void RecordGroupSize(string consumer, int size) => GroupSize.Record(size, new KeyValuePair<string, object?>("consumer", consumer));
}
