namespace Deployment.Tests.NetworkPolicies;

/// <summary>The platform's flows: the table of what must be allowed (deploy/README.md, Network flows),
/// and everything else, which must be denied.</summary>
public static class Flows
{
    /// <summary>Each flow with why it exists.</summary>
    public static IReadOnlyList<(Flow Flow, string Why)> Required(Platform p)
    {
        var flows = new List<(Flow, string)>();
        void Add(Actor from, Actor to, string why, params int[] ports) { foreach (var port in ports) flows.Add((new Flow(from, to, port), why)); }
        var gateway = p.Pod("gateway");
        var collector = p.Pod("otel-collector");

        Add(Platform.IngressController, gateway, "the ingress controller forwards the public's requests", 8080);
        foreach (var node in p.BrokerNodes) Add(gateway, node, "the gateway consumes the registry's enterprises", 5672);
        foreach (var service in p.Services)
        {
            Add(gateway, service, "the gateway forwards each service's routes", 8080);
            Add(service, gateway, "a service fetches the token server's key set", 8080);
            foreach (var node in p.BrokerNodes) Add(service, node, "a service publishes and consumes", 5672);
        }
        foreach (var d in p.Deployables)
        {
            foreach (var instance in p.Databases[d.Name]) Add(d, instance, "a deployable uses its own database", 5432);
            Add(d, collector, "traces, metrics and logs (the process and its sidecar)", 4317);
            Add(d, Platform.DaprSentry, "the sidecar's workload certificate", 50001);
            Add(d, Platform.DaprOperator, "the sidecar's components and configuration", 6500);
            Add(d, Platform.DaprPlacement, "the sidecar's placement stream", 50005);
            Add(d, Platform.DaprScheduler, "the sidecar's scheduler stream", 50006);
            Add(d, p.KubeApi, "the sidecar's Kubernetes secret store reads the pod's secret", 443, 6443);
        }
        foreach (var cluster in p.Databases.Values)
            foreach (var instance in cluster)
            {
                foreach (var other in cluster.Where(o => o != instance)) Add(instance, other, "replication and the instance manager", 5432, 8000);
                Add(Platform.CnpgOperator, instance, "the CloudNativePG operator manages its instances", 8000, 5432);
                Add(instance, p.KubeApi, "the instance manager watches its Cluster", 443, 6443);
                Add(instance, p.ObjectStore, "WAL archive and base backups", 443);
                Add(Platform.Prometheus, instance, "backup metrics", 9187);
            }
        foreach (var node in p.BrokerNodes)
        {
            foreach (var other in p.BrokerNodes.Where(o => o != node)) Add(node, other, "the broker's nodes cluster", 4369, 25672, 5672, 15672);
            Add(node, p.KubeApi, "the broker's peer discovery", 443, 6443);
            Add(Platform.RabbitOperator, node, "the RabbitMQ cluster operator", 15672);
            Add(Platform.TopologyOperator, node, "the messaging-topology operator creates users and permissions", 15672);
            Add(Platform.Prometheus, node, "queue depths", 15692);
        }
        Add(Platform.Prometheus, collector, "the services' metrics", 8889);
        Add(collector, p.Pod("jaeger"), "traces to the trace UI", 4317);
        foreach (var pod in p.Inside)
        {
            flows.Add((new Flow(pod, Platform.KubeDns, 53, "UDP"), "name resolution"));
            flows.Add((new Flow(pod, Platform.KubeDns, 53, "TCP"), "name resolution"));
        }
        return flows;
    }

    /// <summary>Every connection that concerns the platform's namespace: from and to every actor, inside or
    /// outside, on every port the destination listens on (for an address: every port of interest).
    /// What <see cref="Required"/> does not list here must be denied.</summary>
    public static IEnumerable<Flow> Universe(Platform p)
    {
        var inside = p.Inside.ToList();
        var actors = inside.Cast<Actor>().Concat(Platform.OutsidePods).Concat(Platform.Strangers).Append(p.KubeApi).Append(p.ObjectStore).ToList();
        foreach (var from in actors)
            foreach (var to in actors)
            {
                if (from == to || (!inside.Contains(from) && !inside.Contains(to))) continue;
                var ports = to is PodActor pod ? pod.Ports.Select(x => (x.Number, x.Protocol)) : Platform.PortsOfInterest;
                foreach (var (port, protocol) in ports.Distinct()) yield return new Flow(from, to, port, protocol);
            }
    }

    /// <summary>What the evaluator finds wrong: required flows denied, and other flows allowed. Each
    /// side holds on its own, too: a flow that is not needed is refused by the platform's destination's
    /// ingress and by the platform's source's egress, so that a peer that is compromised or mislabelled,
    /// or a CNI that enforces one direction only, is still held by the other side.</summary>
    public static IReadOnlyList<string> Violations(Platform p, Evaluator evaluator)
    {
        var required = Required(p);
        var needed = required.Select(r => r.Flow).ToHashSet();
        var inside = p.Inside.ToHashSet();
        string? Wrong(Flow f) =>
            evaluator.Allows(f) ? $"allowed, but not needed: {f}"
            : f.To is PodActor to && inside.Contains(to) && evaluator.IngressAllows(f) ? $"admitted by the destination's ingress alone, but not needed: {f}"
            : f.From is PodActor from && inside.Contains(from) && evaluator.EgressAllows(f) ? $"admitted by the source's egress alone, but not needed: {f}"
            : null;
        return required.Where(r => !evaluator.Allows(r.Flow)).Select(r => $"denied, but needed ({r.Why}): {r.Flow}")
            .Concat(Universe(p).Where(f => !needed.Contains(f)).Select(Wrong).OfType<string>())
            .ToList();
    }
}
