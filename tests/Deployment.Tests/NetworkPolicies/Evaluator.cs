namespace Deployment.Tests.NetworkPolicies;

/// <summary>What a CNI that enforces NetworkPolicy (networking.k8s.io/v1) lets through. A pod selected
/// by any policy of a type (Ingress, Egress) in its namespace is isolated for that type; an isolated
/// pod accepts (sends) only what some rule of one of those policies admits; a connection happens only
/// when the source's egress and the destination's ingress both admit it. Peers: a pod selector alone is
/// the policy's namespace; a namespace selector alone, every pod of those namespaces; both, the pods
/// of those namespaces that match; an ipBlock, addresses outside the pods (whether an ipBlock matches
/// pod addresses is left to the CNI, so here it never does). Ports by number, range or the destination
/// pod's port name, each with its protocol (TCP when not said); no peers or no ports: all.</summary>
public sealed class Evaluator(IReadOnlyList<Policy> policies)
{
    public IReadOnlyList<Policy> Policies { get; } = policies;

    public bool Allows(Flow flow) => EgressAllows(flow) && IngressAllows(flow);

    /// <summary>Whether the source's egress policies alone admit the flow.</summary>
    public bool EgressAllows(Flow flow)
    {
        if (flow.From is not PodActor source) return true;   // outside the cluster: no policy of ours applies
        var applying = Policies.Where(p => p.IsolatesEgress && p.Namespace == source.Namespace && p.Pods.Matches(source.Labels)).ToList();
        return applying.Count == 0 || applying.Any(p => p.Egress.Any(r => Admits(r, p, flow.To, flow)));
    }

    /// <summary>Whether the destination's ingress policies alone admit the flow.</summary>
    public bool IngressAllows(Flow flow)
    {
        if (flow.To is not PodActor destination) return true;
        var applying = Policies.Where(p => p.IsolatesIngress && p.Namespace == destination.Namespace && p.Pods.Matches(destination.Labels)).ToList();
        return applying.Count == 0 || applying.Any(p => p.Ingress.Any(r => Admits(r, p, flow.From, flow)));
    }

    /// <summary>Whether <paramref name="rule"/> of <paramref name="policy"/> admits <paramref name="peer"/>
    /// (the other end of the flow) on the flow's port.</summary>
    static bool Admits(Rule rule, Policy policy, Actor peer, Flow flow) =>
        (rule.Peers.Count == 0 || rule.Peers.Any(p => Matches(p, policy, peer)))
        && (rule.Ports.Count == 0 || rule.Ports.Any(p => Matches(p, flow)));

    static bool Matches(Peer peer, Policy policy, Actor actor)
    {
        if (peer.Cidr is { } cidr)
            return actor is AddressActor a && cidr.Contains(a.Address) && !peer.Except.Any(e => e.Contains(a.Address));
        if (actor is not PodActor pod) return false;
        var inNamespace = peer.Namespaces is { } namespaces ? namespaces.Matches(pod.NamespaceLabels) : pod.Namespace == policy.Namespace;
        return inNamespace && (peer.Pods?.Matches(pod.Labels) ?? true);
    }

    static bool Matches(PortRule rule, Flow flow)
    {
        if (!string.Equals(rule.Protocol, flow.Protocol, StringComparison.OrdinalIgnoreCase)) return false;
        if (rule.Port is null) return true;
        if (int.TryParse(rule.Port, out var number))
            return rule.EndPort is { } end ? flow.Port >= number && flow.Port <= end : flow.Port == number;
        // A named port is the destination pod's port of that name.
        return flow.To is PodActor destination
            && destination.Ports.Any(p => p.Name == rule.Port && p.Number == flow.Port && string.Equals(p.Protocol, flow.Protocol, StringComparison.OrdinalIgnoreCase));
    }
}
