using System.Diagnostics;
using k8s;
using k8s.Models;
using TestInfrastructure;

namespace Deployment.Tests;

/// <summary>The Kubernetes manifests as a cluster would receive them: every overlay rendered with
/// kubectl kustomize and loaded strictly and typed (Dapr and operator resources through a type map).</summary>
public sealed record Rendered(string Overlay, IReadOnlyList<object> Objects)
{
    public IEnumerable<T> Of<T>() => Objects.OfType<T>();

    public static readonly Dictionary<string, Type> TypeMap = new()
    {
        ["dapr.io/v1alpha1/Component"] = typeof(DaprComponent),
        ["dapr.io/v1alpha1/Configuration"] = typeof(DaprConfiguration),
        ["rabbitmq.com/v1beta1/RabbitmqCluster"] = typeof(RabbitmqCluster),
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(CnpgCluster),
        ["postgresql.cnpg.io/v1/ScheduledBackup"] = typeof(CnpgScheduledBackup),
        ["rabbitmq.com/v1beta1/User"] = typeof(RabbitmqUser),
        ["rabbitmq.com/v1beta1/Permission"] = typeof(RabbitmqPermission),
        ["rabbitmq.com/v1beta1/Policy"] = typeof(RabbitmqPolicy),
        ["monitoring.coreos.com/v1/PodMonitor"] = typeof(PodMonitor),
        ["monitoring.coreos.com/v1/PrometheusRule"] = typeof(PrometheusRule),
    };

    public static Rendered Render(string overlay)
    {
        var psi = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(Repository.Root, "deploy", "k8s", "overlays", overlay)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var kubectl = Process.Start(psi)!;
        var yaml = kubectl.StandardOutput.ReadToEnd();
        var errors = kubectl.StandardError.ReadToEnd();
        kubectl.WaitForExit();
        if (kubectl.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {errors}");
        var typeMap = new Dictionary<string, Type>(TypeMap);
        foreach (var (key, type) in DefaultTypes) typeMap[key] = type;
        return new Rendered(overlay, KubernetesYaml.LoadAllFromString(yaml, typeMap, strict: true));
    }

    static readonly Dictionary<string, Type> DefaultTypes = new()
    {
        ["v1/Namespace"] = typeof(V1Namespace), ["v1/ConfigMap"] = typeof(V1ConfigMap), ["v1/Secret"] = typeof(V1Secret),
        ["v1/Service"] = typeof(V1Service), ["v1/ServiceAccount"] = typeof(V1ServiceAccount), ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["autoscaling/v2/HorizontalPodAutoscaler"] = typeof(V2HorizontalPodAutoscaler), ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy), ["networking.k8s.io/v1/Ingress"] = typeof(V1Ingress),
        ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role), ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
    };
}

/// <summary>A Dapr component (secret store, cron binding).</summary>
public sealed class DaprComponent : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public ComponentSpec Spec { get; set; } = new();
    public List<string>? Scopes { get; set; }

    public sealed class ComponentSpec
    {
        public string Type { get; set; } = "";
        public string Version { get; set; } = "";
        public List<NameValue> Metadata { get; set; } = [];
    }

    public sealed class NameValue
    {
        public string Name { get; set; } = "";
        public string Value { get; set; } = "";
    }

    public string? Meta(string name) => Spec.Metadata.FirstOrDefault(m => m.Name == name)?.Value;
}

/// <summary>An operator's or Dapr's custom resource whose spec the test reads loosely.</summary>
public abstract class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public Dictionary<string, object> Spec { get; set; } = [];

    /// <summary>The node of the spec at <paramref name="path"/>, or null.</summary>
    public object? At(params string[] path)
    {
        object? node = Spec;
        foreach (var key in path)
            node = node switch
            {
                IDictionary<string, object> d => d.TryGetValue(key, out var v) ? v : null,
                IDictionary<object, object> d => d.TryGetValue(key, out var v) ? v : null,
                _ => null,
            };
        return node;
    }

    public string? Value(params string[] path) => At(path)?.ToString();

    public IEnumerable<KeyValuePair<string, string>> Map(params string[] path) => At(path) switch
    {
        IDictionary<string, object> d => d.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.ToString() ?? "")),
        IDictionary<object, object> d => d.Select(kv => KeyValuePair.Create(kv.Key.ToString()!, kv.Value?.ToString() ?? "")),
        _ => [],
    };
}

public sealed class DaprConfiguration : CustomResource;
public sealed class RabbitmqCluster : CustomResource;
public sealed class CnpgCluster : CustomResource;
public sealed class CnpgScheduledBackup : CustomResource;
public sealed class RabbitmqUser : CustomResource;
public sealed class RabbitmqPermission : CustomResource;
public sealed class RabbitmqPolicy : CustomResource;
public sealed class PodMonitor : CustomResource;
public sealed class PrometheusRule : CustomResource;
