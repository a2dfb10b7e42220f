using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using k8s.Models;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>Metrics reach Prometheus (the collector's Prometheus exporter, scraped through a
/// PodMonitor) and every alert rule names metrics that exist, under the names Prometheus gives them,
/// and says what it means.</summary>
public sealed class Alerts_name_real_metrics
{
    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    /// <summary>Metrics that come from elsewhere than the platform's own meter, and where from.</summary>
    static readonly Dictionary<string, string> External = new()
    {
        ["http_server_request_duration_seconds"] = "ASP.NET Core's http.server.request.duration (AddAspNetCoreInstrumentation)",
        ["rabbitmq_detailed_queue_messages"] = "the broker's exporter, /metrics/detailed?family=queue_coarse_metrics",
        ["rabbitmq_detailed_queue_messages_ready"] = "the broker's exporter, /metrics/detailed?family=queue_coarse_metrics",
        ["kube_pod_status_ready"] = "kube-state-metrics",
        ["cnpg_collector_last_available_backup_timestamp"] = "CloudNativePG's instance exporter",
        ["cnpg_collector_last_failed_backup_timestamp"] = "CloudNativePG's instance exporter",
        ["kube_deployment_status_replicas_available"] = "kube-state-metrics",
        // Promised by issue 18 (failures parked, not lost): a gauge of the parked messages per service.
        ["messaging_parked"] = "the parking of failed messages (messaging.parked), not emitted yet",
    };

    /// <summary>The instruments the platform's code creates on its meter, as Prometheus names them
    /// through the collector's exporter: dots become underscores, the unit a suffix (ms:
    /// _milliseconds, s: _seconds, {…}: none), counters end in _total, histograms are
    /// _bucket/_sum/_count series.</summary>
    static readonly string Shared = typeof(ServiceDefaults.Telemetry).Assembly.GetName().Name!;

    static IReadOnlySet<string> Emitted()
    {
        var instruments = new List<Instrument>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, _) => { if (i.Meter.Name == ServiceDefaults.Telemetry.SourceName) lock (instruments) instruments.Add(i); };
        listener.Start();
        var assemblies = new[] { typeof(Planning.Api.Data.PlanningDb), typeof(Filing.Api.Data.FilingDb), typeof(Tolerance.Api.Data.ToleranceDb), typeof(Supervision.Api.Data.SupervisionDb) }
            .Select(t => t.Assembly).SelectMany(a => a.GetReferencedAssemblies().Select(Assembly.Load).Prepend(a))
            // The platform's own: ServiceDefaults and whatever builds on it.
            .Where(a => a.GetName().Name == Shared || a.GetReferencedAssemblies().Any(x => x.Name == Shared))
            .Distinct();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (!type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Any(f => typeof(Instrument).IsAssignableFrom(f.FieldType))) continue;
            // A generic holder (the outbox relay of each service's DbContext) is closed over one of them.
            var closed = type.IsGenericTypeDefinition && type.GetGenericArguments().Length == 1 ? type.MakeGenericType(typeof(Planning.Api.Data.PlanningDb)) : type;
            RuntimeHelpers.RunClassConstructor(closed.TypeHandle);
        }
        listener.RecordObservableInstruments();
        lock (instruments)
            return instruments.SelectMany(i =>
            {
                var name = Regex.Replace(i.Name, "[^a-zA-Z0-9_:]", "_") + i.Unit switch
                {
                    "ms" => "_milliseconds", "s" => "_seconds", "By" => "_bytes", null or "" => "", { } u when u.StartsWith('{') => "", { } u => "_" + u,
                };
                var kind = i.GetType().GetGenericTypeDefinition();
                return kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>) ? [name + "_total"]
                    : kind == typeof(Histogram<>) ? [name + "_bucket", name + "_sum", name + "_count"]
                    : new[] { name };
            }).ToHashSet();
    }

    static readonly string[] Keywords = ["and", "or", "unless", "bool", "offset", "inf", "nan", "by", "without", "on", "ignoring", "group_left", "group_right"];

    /// <summary>The metric names of a PromQL expression: its identifiers less functions, aggregation
    /// clauses, label matchers, ranges, strings and keywords.</summary>
    public static IReadOnlyList<string> MetricsOf(string expr)
    {
        var s = Regex.Replace(expr, "\"(?:[^\"\\\\]|\\\\.)*\"", " ");
        s = Regex.Replace(s, @"\{[^}]*\}", " ");
        s = Regex.Replace(s, @"\[[^\]]*\]", " ");
        s = Regex.Replace(s, @"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ");
        return Regex.Matches(s, @"(?<![\w.])([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?")
            .Where(m => !m.Groups[2].Success && !Keywords.Contains(m.Groups[1].Value))
            .Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    static IEnumerable<YamlMappingNode> Rules(Rendered r) =>
        r.Of<PrometheusRule>().SelectMany(p => ((IEnumerable<object>)p.At("groups")!).Cast<IDictionary<object, object>>())
            .SelectMany(g => ((IEnumerable<object>)g["rules"]).Cast<IDictionary<object, object>>())
            .Select(ToNode);

    static YamlMappingNode ToNode(IDictionary<object, object> map)
    {
        var node = new YamlMappingNode();
        foreach (var (k, v) in map)
            node.Add(k.ToString()!, v switch { IDictionary<object, object> m => ToNode(m), _ => new YamlScalarNode(v?.ToString()) });
        return node;
    }

    static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode? n = node;
        foreach (var key in path) n = n is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var c) ? c : null;
        return (n as YamlScalarNode)?.Value;
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_alert_names_a_metric_that_exists_and_says_what_it_means(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var emitted = Emitted();
        Assert.Contains("outbox_lag_milliseconds_bucket", emitted);   // the translation finds the platform's instruments
        var rules = Rules(r).ToList();
        Assert.NotEmpty(rules);
        var used = new HashSet<string>();
        foreach (var rule in rules)
        {
            var alert = Scalar(rule, "alert");
            Assert.False(string.IsNullOrWhiteSpace(alert), "a recording rule or an alert without a name");
            var expr = Scalar(rule, "expr") ?? "";
            var metrics = MetricsOf(expr);
            Assert.True(metrics.Count > 0, $"{alert}: its expression names no metric: {expr}");
            foreach (var m in metrics)
            {
                var series = Regex.Replace(m, "_(bucket|sum|count)$", "");
                Assert.True(emitted.Contains(m) || External.ContainsKey(m) || External.ContainsKey(series),
                    $"{alert}: {m} is neither one of the platform's metrics ({string.Join(", ", emitted.Order())}) nor a known external one");
                used.Add(m);
            }
            Assert.True((Scalar(rule, "annotations", "description") ?? "").Length > 40, $"{alert} has no description");
            Assert.False(string.IsNullOrWhiteSpace(Scalar(rule, "annotations", "summary")), $"{alert} has no summary");
            Assert.Contains(Scalar(rule, "labels", "severity"), new[] { "warning", "critical" });
        }
        // What issue 18 asks to be told about.
        foreach (var needed in new[] { "outbox_lag_milliseconds_bucket", "outbox_dead_total", "messaging_parked", "rabbitmq_detailed_queue_messages",
                     "consumer_lag_milliseconds_bucket", "sweep_runs_total", "http_server_request_duration_seconds_count", "kube_pod_status_ready",
                     "cnpg_collector_last_available_backup_timestamp" })
            Assert.Contains(needed, used);
    }

    static NetworkPolicies.Selector SelectorOf(PodMonitor m) => new(
        m.Map("selector", "matchLabels").ToDictionary(),
        (m.At("selector", "matchExpressions") as IEnumerable<object> ?? []).Cast<IDictionary<object, object>>().Select(e => new V1LabelSelectorRequirement
        {
            Key = e["key"].ToString(), OperatorProperty = e["operator"].ToString(),
            Values = e.TryGetValue("values", out var v) ? ((IEnumerable<object>)v).Select(x => x.ToString()!).ToList() : null,
        }).ToList());

    [Fact]
    public void The_metric_names_of_an_expression_are_found()
    {
        Assert.Equal(["outbox_lag_milliseconds_bucket"], MetricsOf("histogram_quantile(0.99, sum by (job, le) (rate(outbox_lag_milliseconds_bucket[10m]))) > 60000"));
        Assert.Equal(["a_total", "b"], MetricsOf("sum by (job) (rate(a_total{code=~\"5..\", x=\"y\"}[5m])) / on (job) group_left sum(b) > 0.02"));
        Assert.Empty(MetricsOf("vector(1) > bool 0"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_collectors_metrics_are_scraped_by_prometheus(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var config = new YamlStream();
        config.Load(new StringReader(r.Of<V1ConfigMap>().Single(c => c.Metadata.Name == "otel-collector").Data["config.yaml"]));
        var root = (YamlMappingNode)config.Documents[0].RootNode;
        var exporters = ((YamlSequenceNode)root["service"]["pipelines"]["metrics"]["exporters"]).Select(e => ((YamlScalarNode)e).Value).ToList();
        Assert.Equal(["prometheus"], exporters);
        var endpoint = ((YamlScalarNode)root["exporters"]["prometheus"]["endpoint"]).Value!;
        var port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..]);

        var collector = Manifests_hold_together.Deployment(r, "otel-collector");
        var labels = new Dictionary<string, string>(collector.Spec.Template.Metadata.Labels);
        var monitor = r.Of<PodMonitor>().Single(m => SelectorOf(m).Matches(labels));
        var portName = ((IEnumerable<object>)monitor.At("podMetricsEndpoints")!).Cast<IDictionary<object, object>>().Single()["port"].ToString();
        Assert.Contains(collector.Spec.Template.Spec.Containers[0].Ports, p => p.Name == portName && p.ContainerPort == port);
        Assert.Contains(r.Of<PodMonitor>(), m => m.Map("selector", "matchLabels").Contains(KeyValuePair.Create("app.kubernetes.io/name", "rabbitmq")));
    }
}
