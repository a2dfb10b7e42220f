using System.Net;
using k8s.Models;

namespace Deployment.Tests.NetworkPolicies;

/// <summary>A label selector as Kubernetes reads it: every label of <see cref="Labels"/> and every
/// expression must hold; an empty selector selects everything.</summary>
public sealed record Selector(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<V1LabelSelectorRequirement> Expressions)
{
    public static readonly Selector Everything = new(new Dictionary<string, string>(), []);

    public static Selector? From(V1LabelSelector? selector) => selector is null ? null
        : new(selector.MatchLabels is { } l ? new Dictionary<string, string>(l) : new Dictionary<string, string>(), selector.MatchExpressions?.ToList() ?? []);

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        Labels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)
        && Expressions.All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => throw new InvalidOperationException($"unknown selector operator {e.OperatorProperty}"),
        });
}

/// <summary>One peer of a rule. With <see cref="Cidr"/>, an address block (less its exceptions); else
/// pods: <see cref="Pods"/> (null: all) in the namespaces of <see cref="Namespaces"/> (null: the
/// policy's own namespace only).</summary>
public sealed record Peer(Selector? Pods, Selector? Namespaces, IPNetwork? Cidr, IReadOnlyList<IPNetwork> Except);

/// <summary>One port of a rule: a protocol and a number (or range to <see cref="EndPort"/>), a
/// container port's name, or no port (every port of the protocol).</summary>
public sealed record PortRule(string Protocol, string? Port, int? EndPort);

/// <summary>An ingress or egress rule. No peers: every peer, inside or outside the cluster; no ports:
/// every port.</summary>
public sealed record Rule(IReadOnlyList<Peer> Peers, IReadOnlyList<PortRule> Ports);

/// <summary>A NetworkPolicy, read from the rendered manifests.</summary>
public sealed record Policy(string Name, string Namespace, Selector Pods, bool IsolatesIngress, bool IsolatesEgress,
    IReadOnlyList<Rule> Ingress, IReadOnlyList<Rule> Egress)
{
    public static Policy From(V1NetworkPolicy p)
    {
        var types = p.Spec.PolicyTypes?.ToList()
            // Without policyTypes, a policy isolates for ingress, and for egress when it has egress rules.
            ?? (p.Spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"]);
        return new(p.Metadata.Name, p.Metadata.NamespaceProperty ?? throw new InvalidOperationException($"{p.Metadata.Name} has no namespace"),
            Selector.From(p.Spec.PodSelector) ?? Selector.Everything,
            types.Contains("Ingress"), types.Contains("Egress"),
            (p.Spec.Ingress ?? []).Select(r => RuleOf(r.FromProperty, r.Ports)).ToList(),
            (p.Spec.Egress ?? []).Select(r => RuleOf(r.To, r.Ports)).ToList());
    }

    static Rule RuleOf(IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports) => new(
        (peers ?? []).Select(peer => new Peer(Selector.From(peer.PodSelector), Selector.From(peer.NamespaceSelector),
            peer.IpBlock is { } b ? IPNetwork.Parse(b.Cidr) : null,
            (peer.IpBlock?.Except ?? []).Select(IPNetwork.Parse).ToList())).ToList(),
        (ports ?? []).Select(port => new PortRule(port.Protocol ?? "TCP", port.Port?.Value, port.EndPort)).ToList());
}
