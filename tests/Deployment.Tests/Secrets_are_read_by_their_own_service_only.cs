using k8s.Models;
using Xunit;

namespace Deployment.Tests;

/// <summary>Each deployable reads its own secret and no other's, twice over: its Dapr sidecar's
/// Configuration allows only its own secret from the store, and its service account's RBAC lets it get
/// only that secret from the API server (evaluated as the API server does: Roles through RoleBindings
/// whose subjects name the account, its namespace's service accounts or everyone authenticated).</summary>
public sealed class Secrets_are_read_by_their_own_service_only
{
    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    /// <summary>The secrets the platform has: those rendered (dev), those the manifests refer to (prod's
    /// are created by the operators), and those the operators make (CloudNativePG's and RabbitMQ's).</summary>
    public static IReadOnlySet<string> SecretNames(Rendered r)
    {
        var names = r.Of<V1Secret>().Select(s => s.Metadata.Name).ToHashSet();
        foreach (var d in r.Of<V1Deployment>())
            foreach (var c in d.Spec.Template.Spec.Containers)
            {
                foreach (var e in c.Env ?? [])
                {
                    if (e.ValueFrom?.SecretKeyRef?.Name is { } n) names.Add(n);
                    if (e.Name == "Dapr__Secrets") foreach (var s in e.Value.Split(',')) names.Add(s.Trim());
                }
                foreach (var f in c.EnvFrom ?? []) if (f.SecretRef?.Name is { } n) names.Add(n);
            }
        foreach (var u in r.Of<RabbitmqUser>()) if (u.Value("importCredentialsSecret", "name") is { } n) names.Add(n);
        foreach (var c in r.Of<CnpgCluster>())
        {
            names.Add($"{c.Metadata.Name}-app");
            names.Add($"{c.Metadata.Name}-superuser");
            if (c.Value("backup", "barmanObjectStore", "s3Credentials", "accessKeyId", "name") is { } n) names.Add(n);
            foreach (var role in c.At("managed", "roles") as IEnumerable<object> ?? [])
                if (role is IDictionary<object, object> r2 && r2.TryGetValue("passwordSecret", out var ps) && ps is IDictionary<object, object> secret)
                    names.Add(secret["name"].ToString()!);
        }
        foreach (var b in r.Of<RabbitmqCluster>()) names.Add($"{b.Metadata.Name}-default-user");
        foreach (var i in r.Of<V1Ingress>()) foreach (var t in i.Spec.Tls ?? []) names.Add(t.SecretName);
        return names;
    }

    /// <summary>The secrets (of <see cref="SecretNames"/>) the service account <paramref name="account"/> may read.</summary>
    public static IReadOnlySet<string> Readable(Rendered r, string account) =>
        SecretNames(r).Where(s => CanRead(r, account, s)).ToHashSet();

    static bool CanRead(Rendered r, string account, string secret)
    {
        var ns = r.Of<V1Namespace>().Single().Metadata.Name;
        bool Names(Rbacv1Subject s) => s.Kind switch
        {
            "ServiceAccount" => s.Name == account && (s.NamespaceProperty ?? ns) == ns,
            "Group" => s.Name is "system:serviceaccounts" or "system:authenticated" || s.Name == $"system:serviceaccounts:{ns}",
            _ => false,
        };
        return r.Of<V1RoleBinding>().Where(b => b.Subjects?.Any(Names) == true)
            .Select(b => b.RoleRef.Kind == "Role" ? r.Of<V1Role>().SingleOrDefault(role => role.Metadata.Name == b.RoleRef.Name)?.Rules
                : throw new InvalidOperationException($"{b.Metadata.Name} binds a {b.RoleRef.Kind}: evaluate it too"))
            .SelectMany(rules => rules ?? [])
            .Any(rule => (rule.ApiGroups?.Any(g => g is "" or "*") ?? false)
                && (rule.Resources?.Any(x => x is "secrets" or "*") ?? false)
                && ((rule.Verbs.Any(v => v is "get" or "*") && (rule.ResourceNames is not { Count: > 0 } || rule.ResourceNames.Contains(secret)))
                    || rule.Verbs.Any(v => v is "list" or "watch")));
    }

    /// <summary>Whether the Dapr sidecar of <paramref name="deployable"/> may read <paramref name="secret"/>
    /// from the store: the store is scoped to it, and its Configuration's secret scope allows it.</summary>
    static bool SidecarMayRead(Rendered r, string deployable, string secret)
    {
        var annotations = Manifests_hold_together.Deployment(r, deployable).Spec.Template.Metadata.Annotations;
        var store = r.Of<DaprComponent>().Single(c => c.Spec.Type == "secretstores.kubernetes");
        if (store.Scopes is { Count: > 0 } scopes && !scopes.Contains(annotations["dapr.io/app-id"])) return false;
        var config = r.Of<DaprConfiguration>().Single(c => c.Metadata.Name == annotations["dapr.io/config"]);
        var scope = (config.At("secrets", "scopes") as IEnumerable<object> ?? [])
            .OfType<IDictionary<object, object>>().FirstOrDefault(s => s.TryGetValue("storeName", out var n) && (string)n == store.Metadata.Name);
        if (scope is null) return true;   // Dapr's default: every secret of the store
        List<string> List(string key) => scope.TryGetValue(key, out var v) && v is IEnumerable<object> l ? l.Select(x => x.ToString()!).ToList() : [];
        var allowed = List("allowedSecrets");
        if (List("deniedSecrets").Contains(secret)) return false;
        return allowed.Count > 0 ? allowed.Contains(secret) : !(scope.TryGetValue("defaultAccess", out var d) && (string)d == "deny");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_service_account_can_read_another_services_secret(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var secrets = SecretNames(r);
        Assert.Contains("planning-connections", secrets);
        foreach (var name in Manifests_hold_together.Deployables)
        {
            var d = Manifests_hold_together.Deployment(r, name);
            var account = d.Spec.Template.Spec.ServiceAccountName;
            var own = d.Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "Dapr__Secrets").Value;
            Assert.Equal($"{name}-connections", own);
            Assert.Equal([own], Readable(r, account).Order());
            Assert.Equal([own], secrets.Where(s => SidecarMayRead(r, name, s)).Order());
            // Nor through its pod's environment: a deployable mounts only secrets named after itself.
            var referenced = d.Spec.Template.Spec.Containers.SelectMany(c => (c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef?.Name)
                .Concat((c.EnvFrom ?? []).Select(f => f.SecretRef?.Name))).Where(n => n is not null);
            Assert.All(referenced, n => Assert.StartsWith($"{name}-", n));
        }
        Assert.Empty(Readable(r, "default"));   // the collector's and Jaeger's account
    }

    /// <summary>The check itself can fail: the old shared role, or a role with list, reads everything.</summary>
    [Fact]
    public void A_shared_role_would_be_found()
    {
        var r = Manifests_hold_together.Render("dev");
        var shared = new Rendered(r.Overlay, r.Objects.Select(o => o switch
        {
            V1Role role when role.Metadata.Name == "planning-secrets" => new V1Role
            {
                ApiVersion = role.ApiVersion, Kind = role.Kind, Metadata = role.Metadata,
                Rules = role.Rules.Select(x => new V1PolicyRule { ApiGroups = x.ApiGroups, Resources = x.Resources, ResourceNames = x.ResourceNames, Verbs = x.Verbs.Append("list").ToList() }).ToList(),
            },
            _ => o,
        }).ToList());
        Assert.Contains("filing-connections", Readable(shared, "planning"));
        Assert.Equal(["filing-connections"], Readable(r, "filing"));
    }
}
