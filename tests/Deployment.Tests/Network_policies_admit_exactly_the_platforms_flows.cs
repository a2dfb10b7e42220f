using Deployment.Tests.NetworkPolicies;
using k8s.Models;
using Xunit;

namespace Deployment.Tests;

/// <summary>Under default-deny, the rendered overlays' NetworkPolicies admit every flow the platform
/// needs and nothing else, evaluated as a CNI enforces them (<see cref="Evaluator"/>) over the pods the
/// overlay runs and the actors around it (<see cref="Platform"/>). And the check has teeth: removing any
/// policy, or opening any rule's peers or ports, makes it report a violation.</summary>
public sealed class Network_policies_admit_exactly_the_platforms_flows
{
    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    static (Platform Platform, List<Policy> Policies) Load(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        return (Platform.Of(r), r.Of<V1NetworkPolicy>().Select(Policy.From).ToList());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_needed_flow_is_allowed_and_every_other_denied(string overlay)
    {
        var (platform, policies) = Load(overlay);
        var violations = Flows.Violations(platform, new Evaluator(policies));
        Assert.True(violations.Count == 0, $"{overlay}: {violations.Count} violations:\n" + string.Join("\n", violations.Take(40)));
    }

    /// <summary>The flows the issue names, spelled out: each must be denied.</summary>
    [Theory]
    [MemberData(nameof(Overlays))]
    public void Named_forbidden_flows_are_denied(string overlay)
    {
        var (p, policies) = Load(overlay);
        var evaluator = new Evaluator(policies);
        var filing = p.Pod("filing");
        var forbidden = new List<Flow>
        {
            new(filing, p.Databases["planning"][0], 5432),                     // filing to planning's database
            new(p.Pod("gateway"), p.Databases["filing"][0], 5432),             // the gateway to a service's database
            new(p.Databases["planning"][0], p.Databases["filing"][1], 5432),   // one cluster replicating from another
            new(filing, p.Pod("planning"), 8080),                              // a service to another service directly
            new(p.Pod("tolerance"), p.Pod("supervision"), 8080),
            new(p.Pod("gateway"), p.BrokerNodes[0], 15672),                   // the gateway consumes, it does not manage the broker
            new(Platform.IngressController, p.Databases["gateway"][0], 5432),  // the ingress controller to a database
            new(Platform.IngressController, filing, 8080),                     // ... or past the gateway
            new(Platform.IngressController, p.Pod("gateway"), 3500),           // ... or to the gateway's sidecar API
            new(Platform.Intruder, p.Pod("planning"), 8080),                   // another namespace's pod dressed as the gateway
            new(Platform.Intruder, p.Databases["gateway"][0], 5432),
            new(p.Pod("gateway"), Platform.Internet, 443),                     // any pod to an arbitrary internet address
            new(filing, Platform.PublicResolver, 53, "UDP"),
            new(p.Databases["filing"][0], Platform.CloudMetadata, 80),
            new(p.BrokerNodes[0], Platform.Internet, 443),
            new(filing, p.ObjectStore, 443),                                   // only the databases write backups
            new(filing, p.KubeApi, 10250),
            new(p.Pod("otel-collector"), Platform.Internet, 443),
            new(Platform.Internet, p.Pod("gateway"), 8080),                     // only through the ingress
        };
        Assert.All(forbidden, f => Assert.False(evaluator.Allows(f), $"{overlay}: {f} is allowed"));
    }

    public static TheoryData<string, string> Loosenings()
    {
        var data = new TheoryData<string, string>();
        foreach (var overlay in new[] { "dev", "prod" })
            foreach (var (name, _) in Mutations(Load(overlay).Policies)) data.Add(overlay, name);
        return data;
    }

    /// <summary>Each policy removed, and each rule of each policy opened to every peer or to every port:
    /// the evaluator then reports a needed flow denied or an unneeded one allowed.</summary>
    [Theory]
    [MemberData(nameof(Loosenings))]
    public void Removing_or_loosening_a_policy_is_a_violation(string overlay, string mutation)
    {
        var (platform, policies) = Load(overlay);
        var mutated = Mutations(policies).Single(m => m.Name == mutation).Policies;
        Assert.NotEmpty(Flows.Violations(platform, new Evaluator(mutated)));
    }

    [Fact]
    public void There_is_a_loosening_of_every_policy()
    {
        var policies = Load("prod").Policies;
        var names = Mutations(policies).Select(m => m.Name).ToList();
        Assert.All(policies, p => Assert.Contains($"{p.Name}: removed", names));
        Assert.True(names.Count > 2 * policies.Count, string.Join(", ", names));
    }

    static IEnumerable<(string Name, List<Policy> Policies)> Mutations(List<Policy> policies)
    {
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            yield return ($"{p.Name}: removed", policies.Where((_, j) => j != i).ToList());
            foreach (var (kind, rules) in new[] { ("ingress", p.Ingress), ("egress", p.Egress) })
                for (var k = 0; k < rules.Count; k++)
                {
                    if (rules[k].Peers.Count > 0)
                        yield return ($"{p.Name}: {kind} rule {k} from/to anyone", Replace(policies, i, Loosen(p, kind, k, rules[k] with { Peers = [] })));
                    if (rules[k].Ports.Count > 0)
                        yield return ($"{p.Name}: {kind} rule {k} on any port", Replace(policies, i, Loosen(p, kind, k, rules[k] with { Ports = [] })));
                }
        }
    }

    static Policy Loosen(Policy p, string kind, int index, Rule rule) => kind == "ingress"
        ? p with { Ingress = p.Ingress.Select((r, j) => j == index ? rule : r).ToList() }
        : p with { Egress = p.Egress.Select((r, j) => j == index ? rule : r).ToList() };

    static List<Policy> Replace(List<Policy> policies, int index, Policy policy) => policies.Select((p, j) => j == index ? policy : p).ToList();
}
