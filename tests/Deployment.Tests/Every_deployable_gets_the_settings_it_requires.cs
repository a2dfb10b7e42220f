using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;
using k8s.Models;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Deployment.Tests;

/// <summary>Each overlay gives each deployable every setting it requires. The list is not written here:
/// it is read from the deployables' options classes, so a required setting added to the code and not
/// to the manifests fails this test. And each deployable, given what its overlay gives it, passes its
/// own start checks (formats and rules across settings too).</summary>
public sealed class Every_deployable_gets_the_settings_it_requires
{
    internal static readonly Dictionary<string, (Assembly Assembly, Func<IReadOnlyDictionary<string, string>, Exception?> Start)> Deployables = new()
    {
        ["gateway"] = (typeof(Gateway.Data.GatewayDb).Assembly, StartChecks.FailureOf<Gateway.Data.GatewayDb>),
        ["planning"] = (typeof(Planning.Api.Data.PlanningDb).Assembly, StartChecks.FailureOf<Planning.Api.Data.PlanningDb>),
        ["filing"] = (typeof(Filing.Api.Data.FilingDb).Assembly, StartChecks.FailureOf<Filing.Api.Data.FilingDb>),
        ["tolerance"] = (typeof(Tolerance.Api.Data.ToleranceDb).Assembly, StartChecks.FailureOf<Tolerance.Api.Data.ToleranceDb>),
        ["supervision"] = (typeof(Supervision.Api.Data.SupervisionDb).Assembly, StartChecks.FailureOf<Supervision.Api.Data.SupervisionDb>),
    };

    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    /// <summary>What a deployment must give a deployable: the members of its options classes (the
    /// <see cref="ISettings"/> classes of its assembly and of the shared assemblies it references) that
    /// are [Required] and have no default.</summary>
    public static IReadOnlyList<string> Required(Assembly deployable)
    {
        var shared = typeof(ISettings).Assembly.GetName().Name;
        return deployable.GetReferencedAssemblies().Select(Assembly.Load)
            .Where(a => a.GetName().Name == shared || a.GetReferencedAssemblies().Any(r => r.Name == shared))
            .Prepend(deployable)
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISettings).IsAssignableFrom(t))
            .SelectMany(t =>
            {
                var defaults = Activator.CreateInstance(t);
                return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.IsDefined(typeof(RequiredAttribute)) && p.GetValue(defaults) is null or "")
                    .Select(p => $"{t.GetProperty(nameof(ISettings.Section))!.GetValue(null)}:{p.Name}");
            })
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>What an overlay gives a deployable's container, as configuration keys: its environment
    /// (values, ConfigMap and Secret references, whole ConfigMaps) and the keys of the Dapr secrets it
    /// reads. The secrets the operators create for prod hold the keys of the dev overlay's placeholders.</summary>
    internal static Dictionary<string, string> ConfigurationOf(Rendered r, string name)
    {
        var container = Manifests_hold_together.Deployment(r, name).Spec.Template.Spec.Containers[0];
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(IEnumerable<KeyValuePair<string, string>>? values)
        {
            foreach (var (key, value) in values ?? []) settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
        foreach (var source in container.EnvFrom ?? []) Add(ConfigMap(r, source.ConfigMapRef?.Name) ?? Secret(r, source.SecretRef?.Name));
        foreach (var env in container.Env ?? [])
        {
            var value = env.Value ?? env.ValueFrom switch
            {
                { ConfigMapKeyRef: { } c } => ConfigMap(r, c.Name)?.GetValueOrDefault(c.Key),
                { SecretKeyRef: { } s } => Secret(r, s.Name)?.GetValueOrDefault(s.Key),
                _ => null,
            };
            if (value is not null) Add([new(env.Name, value)]);
        }
        foreach (var secret in settings.GetValueOrDefault("Dapr:Secrets", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Add(Secret(r, secret));
        return settings;
    }

    static Dictionary<string, string>? ConfigMap(Rendered r, string? name) =>
        r.Of<V1ConfigMap>().SingleOrDefault(m => m.Metadata.Name == name)?.Data?.ToDictionary();

    static Dictionary<string, string>? Secret(Rendered r, string? name) =>
        r.Of<V1Secret>().SingleOrDefault(s => s.Metadata.Name == name)?.Data?.ToDictionary(d => d.Key, d => d.Value is null ? "" : Encoding.UTF8.GetString(d.Value))
        ?? (r.Overlay == "dev" ? null : Secret(Manifests_hold_together.Render("dev"), name))
        ?? (name is not null ? CreatedByOperators.GetValueOrDefault(name) : null);

    /// <summary>Secrets no overlay renders, in either cluster: the operators create them as deploy/README.md
    /// says (a key in the repository would be known to everyone). Given here as an operator would.</summary>
    static readonly Dictionary<string, Dictionary<string, string>> CreatedByOperators = new()
    {
        ["gateway-signing-key"] = new() { ["key.pem"] = System.Security.Cryptography.RSA.Create(2048).ExportRSAPrivateKeyPem() },
        ["planning-draw-key"] = new() { ["key"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) },
    };

    [Fact]
    public void The_operators_guide_says_how_to_create_the_secrets_no_overlay_renders()
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "README.md"));
        var undocumented = CreatedByOperators.Keys.Where(name => !guide.Contains($"create secret generic {name}", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"deploy/README.md does not say how to create: {string.Join(", ", undocumented)}");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_required_setting_is_given_to_each_deployable(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var missing = Deployables.SelectMany(d =>
        {
            var given = ConfigurationOf(r, d.Key);
            return Required(d.Value.Assembly).Where(key => string.IsNullOrWhiteSpace(given.GetValueOrDefault(key))).Select(key => $"{d.Key} {key}");
        }).ToList();
        Assert.True(missing.Count == 0, $"The {overlay} overlay does not give: {string.Join("; ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Each_deployable_passes_its_start_checks_with_what_the_overlay_gives_it(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var failures = Deployables.Select(d => (d.Key, Failure: d.Value.Start(ConfigurationOf(r, d.Key))))
            .Where(d => d.Failure is not null).Select(d => $"{d.Key}: {d.Failure!.Message}").ToList();
        Assert.True(failures.Count == 0, $"With the {overlay} overlay's settings: {string.Join(" | ", failures)}");
    }

    [Fact]
    public void The_operators_guide_documents_every_required_setting()
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "README.md"));
        var undocumented = Deployables.Values.SelectMany(d => Required(d.Assembly)).Distinct()
            .Where(key => !guide.Contains(key.Replace(":", "__", StringComparison.Ordinal), StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"deploy/README.md does not document: {string.Join(", ", undocumented)}");
    }

    /// <summary>The checks above can fail: the requirements are found, and a start without one is refused.</summary>
    [Fact]
    public void The_requirements_come_from_the_options_classes_and_a_missing_one_stops_the_start()
    {
        Assert.Contains("Filing:VerificationPage", Required(Deployables["filing"].Assembly));
        Assert.DoesNotContain("Filing:VerificationPage", Required(Deployables["planning"].Assembly));
        Assert.All(Deployables.Values, d => Assert.Contains("Identity:Issuer", Required(d.Assembly)));

        var settings = ConfigurationOf(Manifests_hold_together.Render("prod"), "filing");
        Assert.True(settings.Remove("Filing:VerificationPage"));
        Assert.Contains("Filing:VerificationPage", Deployables["filing"].Start(settings)?.Message);
    }
}
