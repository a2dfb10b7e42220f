using k8s.Models;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using TestInfrastructure;
using Xunit;

namespace Deployment.Tests;

/// <summary>What a cluster would refuse, or a bad day would reveal, checked offline on every overlay.</summary>
public sealed class Manifests_hold_together
{
    public static readonly string[] Services = ["planning", "filing", "tolerance", "supervision"];
    public static readonly string[] Deployables = ["gateway", .. Services];
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    static readonly Dictionary<string, Rendered> Cache = [];
    internal static Rendered Render(string overlay)
    {
        lock (Cache) return Cache.TryGetValue(overlay, out var r) ? r : Cache[overlay] = Rendered.Render(overlay);
    }

    internal static V1Deployment Deployment(Rendered r, string name) => r.Of<V1Deployment>().Single(d => d.Metadata.Name == name);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Selectors_match_their_pods_and_ports_agree(string overlay)
    {
        var r = Render(overlay);
        foreach (var d in r.Of<V1Deployment>())
        {
            var labels = d.Spec.Template.Metadata.Labels;
            Assert.All(d.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, labels[l.Key]));
            var container = d.Spec.Template.Spec.Containers[0];
            var ports = container.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);
            foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe }.Where(p => p is not null))
                Assert.True(ports.ContainsKey(probe!.HttpGet.Port.Value) || ports.ContainsValue(int.Parse(probe.HttpGet.Port.Value)), $"{d.Metadata.Name}: probe port {probe.HttpGet.Port.Value}");
            if (d.Spec.Template.Metadata.Annotations?.TryGetValue("dapr.io/app-port", out var appPort) == true)
                Assert.Contains(int.Parse(appPort), ports.Values);
        }
        foreach (var service in r.Of<V1Service>())
        {
            var target = r.Of<V1Deployment>().SingleOrDefault(d => service.Spec.Selector.All(s => d.Spec.Template.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value));
            Assert.True(target is not null, $"{overlay}: service {service.Metadata.Name} selects no deployment");
            var ports = target!.Spec.Template.Spec.Containers.SelectMany(c => c.Ports).ToList();
            Assert.All(service.Spec.Ports, p => Assert.Contains(ports, c => c.Name == p.TargetPort.Value || c.ContainerPort.ToString() == p.TargetPort.Value));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployable_has_an_autoscaler_a_disruption_budget_a_network_policy_and_its_own_database(string overlay)
    {
        var r = Render(overlay);
        foreach (var name in Deployables)
        {
            var labels = Deployment(r, name).Spec.Template.Metadata.Labels;
            Assert.Contains(r.Of<V2HorizontalPodAutoscaler>(), h => h.Spec.ScaleTargetRef.Name == name && h.Spec.MinReplicas <= h.Spec.MaxReplicas);
            Assert.Contains(r.Of<V1PodDisruptionBudget>(), p => p.Spec.Selector.MatchLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value));
            Assert.Contains(r.Of<V1NetworkPolicy>(), p => p.Spec.PodSelector.MatchLabels?.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value) == true
                && p.Spec.PolicyTypes.Contains("Ingress") && p.Spec.PolicyTypes.Contains("Egress"));
            Assert.Contains(r.Of<CnpgCluster>(), c => c.Metadata.Name == $"{name}-db");
        }
        Assert.Contains(r.Of<V1NetworkPolicy>(), p => p.Spec.PodSelector.MatchLabels is null && p.Spec.Ingress is null && p.Spec.Egress is null);   // default deny
        Assert.Single(r.Of<V1Ingress>(), i => i.Spec.Rules.All(rule => rule.Http.Paths.All(p => p.Backend.Service.Name == "gateway")));
        Assert.Single(r.Of<RabbitmqCluster>());
        Assert.Contains(r.Of<V1Deployment>(), d => d.Metadata.Name == "otel-collector");
        if (overlay == "prod")
        {
            Assert.All(r.Of<V2HorizontalPodAutoscaler>(), h => Assert.True(h.Spec.MinReplicas >= 3));
            Assert.All(r.Of<V1PodDisruptionBudget>(), p => Assert.True(p.Spec.MinAvailable.Value is "2"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Services_are_reached_only_through_the_gateway(string overlay)
    {
        var r = Render(overlay);
        foreach (var name in Services)
        {
            var policy = r.Of<V1NetworkPolicy>().Single(p => p.Metadata.Name == name);
            var from = policy.Spec.Ingress.SelectMany(i => i.FromProperty).ToList();
            Assert.All(from, f => Assert.Equal("gateway", f.PodSelector?.MatchLabels?["app.kubernetes.io/name"]));
            var egressTo = policy.Spec.Egress.SelectMany(e => e.To ?? []).Select(t => t.PodSelector?.MatchLabels?.Values.FirstOrDefault()).Where(v => v is not null).ToList();
            Assert.Contains("rabbitmq", egressTo);
            Assert.Contains($"{name}-db", egressTo);
            Assert.Contains("otel-collector", egressTo);
            Assert.DoesNotContain(egressTo, v => Services.Contains(v) && v != name);   // never another service, nor its database
            Assert.DoesNotContain(egressTo, v => v!.EndsWith("-db") && v != $"{name}-db");
        }
        var gateway = r.Of<V1NetworkPolicy>().Single(p => p.Metadata.Name == "gateway");
        Assert.Contains(gateway.Spec.Ingress, i => i.FromProperty.Any(f => f.NamespaceSelector?.MatchLabels?["kubernetes.io/metadata.name"] == "ingress-nginx"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_container_runs_as_root_and_every_image_is_pinned(string overlay)
    {
        foreach (var d in Render(overlay).Of<V1Deployment>())
        {
            var pod = d.Spec.Template.Spec;
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true && pod.SecurityContext.RunAsUser is > 0, $"{d.Metadata.Name} may run as root");
            foreach (var c in pod.Containers)
            {
                Assert.False(c.SecurityContext?.AllowPrivilegeEscalation ?? true, $"{c.Name} may escalate");
                Assert.True(c.SecurityContext?.ReadOnlyRootFilesystem == true, $"{c.Name} writes its root filesystem");
                Assert.True(c.SecurityContext?.RunAsUser is null or > 0);
                Assert.Matches(@"^[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$", c.Image);
                Assert.DoesNotContain(":latest", c.Image);
                Assert.True(c.Image.Contains('@') || c.Image.Contains(':'), $"{c.Image} is not pinned");
                Assert.NotNull(c.Resources?.Requests);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Dapr_secrets_and_sweeps_are_wired_to_what_exists(string overlay)
    {
        var r = Render(overlay);
        var store = r.Of<DaprComponent>().Single(c => c.Spec.Type == "secretstores.kubernetes");
        foreach (var name in Deployables)
        {
            var d = Deployment(r, name);
            var annotations = d.Spec.Template.Metadata.Annotations;
            Assert.Equal("true", annotations["dapr.io/enabled"]);
            Assert.Equal(name, annotations["dapr.io/app-id"]);
            Assert.Contains(r.Of<DaprConfiguration>(), c => c.Metadata.Name == annotations["dapr.io/config"]);
            var env = d.Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name);
            Assert.Equal(store.Metadata.Name, env["Dapr__SecretStore"].Value);
            var reader = Secrets_are_read_by_their_own_service_only.Readable(r, name);
            Assert.Contains(env["Dapr__Secrets"].Value, reader);
            if (overlay == "dev") Assert.Contains(r.Of<V1Secret>(), s => s.Metadata.Name == env["Dapr__Secrets"].Value);
        }
        var bindings = r.Of<DaprComponent>().Where(c => c.Spec.Type == "bindings.cron").ToList();
        Assert.Equal(3, bindings.Count);
        foreach (var b in bindings)
        {
            Assert.StartsWith("/sweeps/", b.Meta("route"));
            Assert.Single(b.Scopes!);
            var env = Deployment(r, b.Scopes![0]).Spec.Template.Spec.Containers[0].Env;
            Assert.Contains(env, e => e.Name == "Sweeps__InProcess" && e.Value == "false");   // the binding, not a timer too
        }
    }

    /// <summary>The routes the manifests name exist in the services: the probes everywhere, each cron
    /// binding's route in its own service, for OPTIONS (the sidecar's probe) and POST (each tick).</summary>
    [Fact]
    public async Task Probe_paths_and_binding_routes_are_endpoints_of_the_services()
    {
        var r = Render("prod");
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("manifests");
        foreach (var name in Services)
        {
            var settings = ServiceSettings.For(name, await infra.Postgres.CreateDatabaseAsync(name), broker, new Dictionary<string, string> { ["Sweeps:InProcess"] = "false" });
            var endpoints = name switch
            {
                "planning" => Endpoints(new ServiceFactory<Planning.Api.Data.PlanningDb>(settings)),
                "filing" => Endpoints(new ServiceFactory<Filing.Api.Data.FilingDb>(settings)),
                "tolerance" => Endpoints(new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(settings)),
                _ => Endpoints(new ServiceFactory<Supervision.Api.Data.SupervisionDb>(settings)),
            };
            var container = Deployment(r, name).Spec.Template.Spec.Containers[0];
            foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe })
                Assert.Contains((probe.HttpGet.Path, "GET"), endpoints);
            foreach (var binding in r.Of<DaprComponent>().Where(c => c.Spec.Type == "bindings.cron" && c.Scopes!.Contains(name)))
            {
                Assert.Contains((binding.Meta("route")!, "OPTIONS"), endpoints);
                Assert.Contains((binding.Meta("route")!, "POST"), endpoints);
            }
        }
    }

    static HashSet<(string Path, string Method)> Endpoints<T>(ServiceFactory<T> factory) where T : class
    {
        using (factory)
        {
            factory.CreateClient().Dispose();
            return factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => ("/" + e.RoutePattern.RawText!.TrimStart('/'), m)))
                .ToHashSet();
        }
    }
}
