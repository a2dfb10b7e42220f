using System.Net;

namespace Deployment.Tests.NetworkPolicies;

/// <summary>Something that sends or receives traffic: a pod, or an address outside the cluster's pods.</summary>
public abstract record Actor(string Name)
{
    public override string ToString() => Name;
}

/// <summary>A pod: its namespace and that namespace's labels, its labels, and its ports by name.</summary>
public sealed record PodActor(string Name, string Namespace, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> NamespaceLabels, IReadOnlyList<ContainerPort> Ports) : Actor(Name)
{
    public override string ToString() => Name;
}

/// <summary>An address that is no pod of the cluster: the API server, the object store, the internet.
/// Policies reach it through ipBlock peers only.</summary>
public sealed record AddressActor(string Name, IPAddress Address) : Actor(Name)
{
    public override string ToString() => $"{Name} ({Address})";
}

public sealed record ContainerPort(string? Name, int Number, string Protocol = "TCP");

/// <summary>One connection: from, to, the destination port and protocol.</summary>
public sealed record Flow(Actor From, Actor To, int Port, string Protocol = "TCP")
{
    public override string ToString() => $"{From} → {To} {Protocol}/{Port}";
}
