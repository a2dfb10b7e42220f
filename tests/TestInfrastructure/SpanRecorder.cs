using System.Collections.Concurrent;
using System.Diagnostics;

namespace TestInfrastructure;

/// <summary>Records every span finished in this process (services hosted in-process, their buses),
/// whether or not a telemetry exporter is configured; tests read one trace back by its id.</summary>
public sealed class SpanRecorder : IDisposable
{
    readonly ConcurrentBag<Activity> _spans = [];
    readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _spans.Add(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public List<Activity> Trace(ActivityTraceId traceId) => _spans.Where(s => s.TraceId == traceId).ToList();

    /// <summary>The span ids from <paramref name="span"/>'s parent up to the trace's root.</summary>
    public static List<ActivitySpanId> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        var ancestors = new List<ActivitySpanId>();
        var parent = span.ParentSpanId;
        while (parent != default)
        {
            ancestors.Add(parent);
            parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
        }
        return ancestors;
    }

    public void Dispose() => _listener.Dispose();
}
