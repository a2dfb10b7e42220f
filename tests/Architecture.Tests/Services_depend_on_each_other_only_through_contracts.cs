using System.Reflection;
using Xunit;

namespace Architecture.Tests;

/// <summary>No service reads another's database or calls into its code: what crosses a service
/// boundary is an event from the publisher's Contracts assembly, and nothing else.</summary>
public sealed class Services_depend_on_each_other_only_through_contracts
{
    static readonly string[] Services = ["Planning", "Filing", "Tolerance", "Supervision"];

    static readonly Dictionary<string, Assembly> Apis = new()
    {
        ["Planning"] = typeof(Planning.Api.PlanningServices).Assembly,
        ["Filing"] = typeof(Filing.Api.FilingServices).Assembly,
        ["Tolerance"] = typeof(Tolerance.Api.ToleranceServices).Assembly,
        ["Supervision"] = typeof(Supervision.Api.SupervisionServices).Assembly,
    };

    /// <summary>The platform's own assemblies that <paramref name="assembly"/> references.</summary>
    static IEnumerable<string> OwnReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => Services.Any(s => n.StartsWith(s + ".", StringComparison.Ordinal)) || n is "ServiceDefaults" or "Persistence" or "Messaging" or "Gateway");

    /// <summary>References of <paramref name="assembly"/> (service <paramref name="owner"/>) into
    /// another service that are not that service's Contracts.</summary>
    static List<string> Violations(string owner, Assembly assembly) =>
        OwnReferences(assembly)
            .Where(n => !n.StartsWith(owner + ".", StringComparison.Ordinal) && n is not ("ServiceDefaults" or "Persistence" or "Messaging"))
            .Where(n => !n.EndsWith(".Contracts", StringComparison.Ordinal))
            .ToList();

    [Fact]
    public void A_service_references_no_other_service_but_its_contracts()
    {
        foreach (var (service, api) in Apis)
            Assert.True(Violations(service, api).Count == 0, $"{service}.Api references {string.Join(", ", Violations(service, api))}");
    }

    [Fact]
    public void The_rule_does_catch_a_reference_into_another_service()
    {
        // This test assembly references every service's Api: seen as a "service", it must fail.
        var violations = Violations("Architecture", typeof(Services_depend_on_each_other_only_through_contracts).Assembly);
        Assert.Contains("Planning.Api", violations);
        Assert.Contains("Filing.Api", violations);
    }

    [Fact]
    public void Contracts_are_records_in_a_namespace_and_depend_on_nothing_of_ours()
    {
        var contracts = Apis.Values.SelectMany(a => a.GetReferencedAssemblies())
            .Where(n => n.Name!.EndsWith(".Contracts", StringComparison.Ordinal))
            .Select(Assembly.Load).Distinct().ToList();
        Assert.Contains(contracts, a => a.GetName().Name == "Planning.Contracts");

        foreach (var assembly in contracts)
        {
            Assert.Empty(OwnReferences(assembly));
            foreach (var type in assembly.GetExportedTypes())
            {
                Assert.False(string.IsNullOrEmpty(type.Namespace), $"{type.Name} must live in a namespace (MassTransit routes by it)");
                Assert.True(type.GetMethod("<Clone>$") is not null, $"{type.FullName} must be a record");
                Assert.True(type.GetProperties().All(p => p.SetMethod is null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit")),
                    $"{type.FullName} must be immutable (init-only)");
            }
        }
    }

    [Fact]
    public void The_shared_building_blocks_know_no_service()
    {
        foreach (var shared in new[] { typeof(ServiceDefaults.Roles).Assembly, typeof(Persistence.AuditEntry).Assembly, typeof(Messaging.OutboxMessage).Assembly })
            Assert.DoesNotContain(OwnReferences(shared), n => Services.Any(s => n.StartsWith(s + ".", StringComparison.Ordinal)));
    }

    /// <summary>The building blocks of <paramref name="assembly"/> that it must not reference.</summary>
    static List<string> LayerViolations(Assembly assembly, params string[] forbidden) =>
        OwnReferences(assembly).Where(forbidden.Contains).ToList();

    [Fact]
    public void The_gateway_keeps_a_database_but_publishes_no_event()
    {
        Assert.Contains("Persistence", OwnReferences(typeof(Gateway.Data.GatewayDb).Assembly));
        Assert.Empty(LayerViolations(typeof(Gateway.Data.GatewayDb).Assembly, "Messaging"));
    }

    [Fact]
    public void Persistence_knows_nothing_of_messaging()
    {
        Assert.Empty(LayerViolations(typeof(Persistence.AuditEntry).Assembly, "Messaging"));
        Assert.Empty(LayerViolations(typeof(ServiceDefaults.Roles).Assembly, "Messaging", "Persistence"));
    }

    [Fact]
    public void The_layer_rule_does_catch_a_reference_to_messaging()
    {
        // A service's Api references Messaging: seen as the gateway, it must fail.
        Assert.Equal(["Messaging"], LayerViolations(typeof(Filing.Api.FilingServices).Assembly, "Messaging"));
    }
}
