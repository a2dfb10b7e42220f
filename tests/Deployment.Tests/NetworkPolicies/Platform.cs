using System.Net;
using k8s;
using k8s.Models;

namespace Deployment.Tests.NetworkPolicies;

/// <summary>The pods of one rendered overlay as a cluster would run them, and the actors outside it.
/// Inside: one pod per Deployment (its template's labels and ports, and its Dapr sidecar's ports when
/// injected); each CloudNativePG Cluster's instances, labelled as the operator labels them
/// (<c>cnpg.io/cluster: name</c>); each RabbitmqCluster's nodes (<c>app.kubernetes.io/name: name</c>
/// and the override's labels). Outside: the cluster's operators and services with the namespaces and
/// labels deploy/README.md assumes, the addresses of the overlay's cluster-addresses.yaml, the internet,
/// and an intruder: a pod of another namespace that copies the platform's labels.</summary>
public sealed class Platform
{
    public required string Namespace { get; init; }
    public required IReadOnlyList<PodActor> Deployables { get; init; }
    public required IReadOnlyList<PodActor> Telemetry { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<PodActor>> Databases { get; init; }   // by deployable
    public required IReadOnlyList<PodActor> BrokerNodes { get; init; }
    public required AddressActor KubeApi { get; init; }
    public required AddressActor ObjectStore { get; init; }

    PodActor? newcomer;

    public PodActor Pod(string name) => Deployables.Concat(Telemetry).Single(p => p.Name == name);
    public IEnumerable<PodActor> Services => Deployables.Where(p => p.Name != "gateway");
    public IEnumerable<PodActor> AllDatabaseInstances => Databases.Values.SelectMany(d => d);
    public IEnumerable<PodActor> Inside => Deployables.Concat(Telemetry).Concat(AllDatabaseInstances).Concat(BrokerNodes).Append(Newcomer);

    /// <summary>A pod the platform adds later without a policy of its own: default-deny keeps it shut.</summary>
    public PodActor Newcomer => newcomer ??= new("newcomer", Namespace, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "newcomer" },
        Deployables[0].NamespaceLabels, [new("http", 8080)]);

    /// <summary>Every port any flow of the platform uses, or that an attacker would try: the ports a
    /// forbidden flow is tried on.</summary>
    public static readonly (int Port, string Protocol)[] PortsOfInterest =
    [
        (22, "TCP"), (53, "UDP"), (53, "TCP"), (80, "TCP"), (443, "TCP"), (3500, "TCP"), (4317, "TCP"), (4318, "TCP"), (4369, "TCP"),
        (5432, "TCP"), (5672, "TCP"), (6443, "TCP"), (6500, "TCP"), (8000, "TCP"), (8080, "TCP"), (8889, "TCP"), (9090, "TCP"),
        (9187, "TCP"), (10250, "TCP"), (15672, "TCP"), (15692, "TCP"), (16686, "TCP"), (25672, "TCP"), (50001, "TCP"), (50002, "TCP"),
        (50005, "TCP"), (50006, "TCP"),
    ];

    /// <summary>What every Dapr control plane pod also listens on besides its API.</summary>
    static readonly ContainerPort[] DaprHealthAndMetrics = [new("healthz", 8080), new("metrics", 9090)];

    // Outside the namespace: where deploy/README.md (Prerequisites) says each one runs.
    public static readonly PodActor IngressController = Outside("ingress-controller", "ingress-nginx",
        new() { ["app.kubernetes.io/name"] = "ingress-nginx", ["app.kubernetes.io/component"] = "controller" }, new ContainerPort("http", 80), new ContainerPort("https", 443));
    public static readonly PodActor CnpgOperator = Outside("cnpg-operator", "cnpg-system", new() { ["app.kubernetes.io/name"] = "cloudnative-pg" }, new ContainerPort("metrics", 8080));
    public static readonly PodActor RabbitOperator = Outside("rabbitmq-cluster-operator", "rabbitmq-system", new() { ["app.kubernetes.io/name"] = "rabbitmq-cluster-operator" }, new ContainerPort("metrics", 9782));
    public static readonly PodActor TopologyOperator = Outside("messaging-topology-operator", "rabbitmq-system", new() { ["app.kubernetes.io/name"] = "messaging-topology-operator" }, new ContainerPort("webhook", 9443));
    public static readonly PodActor DaprSentry = Outside("dapr-sentry", "dapr-system", new() { ["app"] = "dapr-sentry" }, new ContainerPort("grpc", 50001), DaprHealthAndMetrics[0], DaprHealthAndMetrics[1]);
    public static readonly PodActor DaprOperator = Outside("dapr-operator", "dapr-system", new() { ["app"] = "dapr-operator" }, new ContainerPort("grpc", 6500), DaprHealthAndMetrics[0], DaprHealthAndMetrics[1]);
    public static readonly PodActor DaprPlacement = Outside("dapr-placement", "dapr-system", new() { ["app"] = "dapr-placement-server" }, new ContainerPort("api", 50005), DaprHealthAndMetrics[0], DaprHealthAndMetrics[1]);
    public static readonly PodActor DaprScheduler = Outside("dapr-scheduler", "dapr-system", new() { ["app"] = "dapr-scheduler-server" }, new ContainerPort("api", 50006), DaprHealthAndMetrics[0], DaprHealthAndMetrics[1]);
    public static readonly PodActor KubeDns = Outside("kube-dns", "kube-system", new() { ["k8s-app"] = "kube-dns" },
        new ContainerPort("dns", 53, "UDP"), new ContainerPort("dns-tcp", 53), new ContainerPort("metrics", 9153));
    public static readonly PodActor Prometheus = Outside("prometheus", "monitoring", new() { ["app.kubernetes.io/name"] = "prometheus" }, new ContainerPort("web", 9090));
    /// <summary>A pod of another tenant's namespace that copies the gateway's labels.</summary>
    public static readonly PodActor Intruder = Outside("intruder", "elsewhere",
        new() { ["app.kubernetes.io/name"] = "gateway", ["app.kubernetes.io/part-of"] = "park-enforcement", ["cnpg.io/cluster"] = "gateway-db" },
        Platform.PortsOfInterest.Select(p => new ContainerPort(null, p.Port, p.Protocol)).ToArray());

    public static readonly AddressActor Internet = new("an internet address", IPAddress.Parse("203.0.113.10"));
    public static readonly AddressActor PublicResolver = new("a public resolver", IPAddress.Parse("8.8.8.8"));
    public static readonly AddressActor CloudMetadata = new("the cloud metadata address", IPAddress.Parse("169.254.169.254"));
    public static readonly AddressActor OtherPrivate = new("another private address", IPAddress.Parse("10.99.99.99"));


    public static IEnumerable<PodActor> OutsidePods =>
        [IngressController, CnpgOperator, RabbitOperator, TopologyOperator, DaprSentry, DaprOperator, DaprPlacement, DaprScheduler, KubeDns, Prometheus, Intruder];

    public static IEnumerable<AddressActor> Strangers => [Internet, PublicResolver, CloudMetadata, OtherPrivate];

    static PodActor Outside(string name, string ns, Dictionary<string, string> labels, params ContainerPort[] ports) =>
        new(name, ns, labels, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns }, ports);

    /// <summary>The Dapr sidecar's ports in an injected pod: its HTTP and gRPC APIs (which read the
    /// pod's secrets), internal invocation and metrics.</summary>
    static readonly ContainerPort[] SidecarPorts = [new("dapr-http", 3500), new("dapr-grpc", 50001), new("dapr-internal", 50002), new("dapr-metrics", 9090)];

    public static Platform Of(Rendered r)
    {
        var ns = r.Of<V1Namespace>().Single();
        var nsName = ns.Metadata.Name;
        var nsLabels = new Dictionary<string, string>(ns.Metadata.Labels ?? new Dictionary<string, string>()) { ["kubernetes.io/metadata.name"] = nsName };
        PodActor Pod(string name, IDictionary<string, string> labels, IEnumerable<ContainerPort> ports) =>
            new(name, nsName, new Dictionary<string, string>(labels), nsLabels, ports.ToList());

        var deployments = r.Of<V1Deployment>().Select(d => Pod(d.Metadata.Name, d.Spec.Template.Metadata.Labels,
            d.Spec.Template.Spec.Containers.SelectMany(c => c.Ports ?? []).Select(p => new ContainerPort(p.Name, p.ContainerPort, p.Protocol ?? "TCP"))
                .Concat(d.Spec.Template.Metadata.Annotations?.TryGetValue("dapr.io/enabled", out var dapr) == true && dapr == "true" ? SidecarPorts : []))).ToList();

        var databases = r.Of<CnpgCluster>().ToDictionary(
            c => c.Metadata.Name.EndsWith("-db", StringComparison.Ordinal) ? c.Metadata.Name[..^3] : c.Metadata.Name,
            c => (IReadOnlyList<PodActor>)Enumerable.Range(1, AtLeastTwo(c.Value("instances")))
                .Select(i => Pod($"{c.Metadata.Name}-{i}", new Dictionary<string, string> { ["cnpg.io/cluster"] = c.Metadata.Name, ["cnpg.io/podRole"] = "instance" },
                    [new("postgresql", 5432), new("metrics", 9187), new("status", 8000)])).ToList());

        var broker = r.Of<RabbitmqCluster>().Single();
        var nodeLabels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = broker.Metadata.Name, ["app.kubernetes.io/component"] = "rabbitmq", ["app.kubernetes.io/part-of"] = "rabbitmq",
        };
        foreach (var (key, value) in broker.Map("override", "statefulSet", "spec", "template", "metadata", "labels")) nodeLabels[key] = value;
        var nodes = Enumerable.Range(0, AtLeastTwo(broker.Value("replicas")))
            .Select(i => Pod($"{broker.Metadata.Name}-server-{i}", nodeLabels,
                [new("amqp", 5672), new("management", 15672), new("prometheus", 15692), new("epmd", 4369), new("cluster-links", 25672)])).ToList();

        var addresses = ClusterAddresses(r.Overlay);
        var deployableNames = Manifests_hold_together.Deployables;
        return new Platform
        {
            Namespace = nsName,
            Deployables = deployments.Where(d => deployableNames.Contains(d.Name)).ToList(),
            Telemetry = deployments.Where(d => !deployableNames.Contains(d.Name)).ToList(),
            Databases = databases,
            BrokerNodes = nodes,
            KubeApi = new("the API server", FirstAddress(addresses["kube-api"])),
            ObjectStore = new("the object store", FirstAddress(addresses["object-store"])),
        };
    }

    /// <summary>The overlay's own statement of the cluster's addresses, read from its source: the
    /// policies are checked against it, not against themselves.</summary>
    public static IDictionary<string, string> ClusterAddresses(string overlay)
    {
        var path = Path.Combine(TestInfrastructure.Repository.Root, "deploy", "k8s", "overlays", overlay, "cluster-addresses.yaml");
        return KubernetesYaml.Deserialize<V1ConfigMap>(File.ReadAllText(path)).Data;
    }

    /// <summary>Two at least: scaling a database or the broker out must not need a policy change, so
    /// instances and nodes are checked talking to each other even where an overlay runs one.</summary>
    static int AtLeastTwo(string? count) => Math.Max(2, int.Parse(count ?? "1"));

    static IPAddress FirstAddress(string cidr) => IPNetwork.Parse(cidr).BaseAddress;
}
