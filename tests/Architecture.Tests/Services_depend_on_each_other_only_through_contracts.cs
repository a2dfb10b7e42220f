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
            .Where(n => Services.Any(s => n.StartsWith(s + ".", StringComparison.Ordinal)) || n is "ServiceDefaults" or "Persistence" or "Messaging" or "ReadModels" or "Gateway");

    /// <summary>References of <paramref name="assembly"/> (service <paramref name="owner"/>) into
    /// another service that are not that service's Contracts.</summary>
    static List<string> Violations(string owner, Assembly assembly) =>
        OwnReferences(assembly)
            .Where(n => !n.StartsWith(owner + ".", StringComparison.Ordinal) && n is not ("ServiceDefaults" or "Persistence" or "Messaging" or "ReadModels"))
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

    /// <summary>Why <paramref name="type"/> may not travel between services: contracts hold immutable
    /// records and enums, in a namespace, and nothing else.</summary>
    static string? ContractViolation(Type type)
    {
        if (string.IsNullOrEmpty(type.Namespace)) return $"{type.Name} must live in a namespace (MassTransit routes by it)";
        if (type.IsEnum) return null;
        if (type.GetMethod("<Clone>$") is null) return $"{type.FullName} must be a record or an enum";
        if (!type.GetProperties().All(p => p.SetMethod is null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit")))
            return $"{type.FullName} must be immutable (init-only)";
        return null;
    }

    [Fact]
    public void Contracts_are_records_and_enums_in_a_namespace_and_depend_on_nothing_of_ours()
    {
        var contracts = Apis.Values.SelectMany(a => a.GetReferencedAssemblies())
            .Where(n => n.Name!.EndsWith(".Contracts", StringComparison.Ordinal))
            .Select(Assembly.Load).Distinct().ToList();
        Assert.Contains(contracts, a => a.GetName().Name == "Planning.Contracts");
        Assert.Contains(contracts, a => a.GetExportedTypes().Any(t => t.IsEnum));

        foreach (var assembly in contracts)
        {
            Assert.Empty(OwnReferences(assembly));
            Assert.Empty(assembly.GetExportedTypes().Select(ContractViolation).OfType<string>());
        }
    }

    [Fact]
    public void The_contract_rule_does_catch_a_class_and_a_mutable_record()
    {
        Assert.NotNull(ContractViolation(typeof(Services_depend_on_each_other_only_through_contracts)));
        Assert.NotNull(ContractViolation(typeof(MutableRecord)));
        Assert.Null(ContractViolation(typeof(Planning.Contracts.RiskLevel)));
        Assert.Null(ContractViolation(typeof(Planning.Contracts.EnterpriseRegistered)));
    }

    public sealed record MutableRecord
    {
        public string Name { get; set; } = "";
    }

    /// <summary>The properties of every contract, enums where a value is one of a closed set: the
    /// values that once travelled as strings and were matched by literals.</summary>
    [Fact]
    public void Closed_sets_travel_as_enums()
    {
        (Type Event, string Property)[] typed =
        [
            (typeof(Planning.Contracts.EnterpriseRegistered), "RiskLevel"), (typeof(Planning.Contracts.EnterpriseChanged), "RiskLevel"),
            (typeof(Planning.Contracts.MatterCatalogChanged), "Category"), (typeof(Planning.Contracts.ScheduledMatter), "MandateLevel"),
            (typeof(Tolerance.Contracts.ToleranceDecisionIssued), "Kind"), (typeof(Tolerance.Contracts.ToleranceDecisionIssued), "Outcome"),
            (typeof(Supervision.Contracts.CaseOpened), "CardType"), (typeof(Supervision.Contracts.CaseOpened), "Source"),
            (typeof(Supervision.Contracts.CaseOverdue), "Reason"),
        ];
        foreach (var (type, property) in typed)
        {
            var t = type.GetProperty(property)!.PropertyType;
            Assert.True((Nullable.GetUnderlyingType(t) ?? t).IsEnum, $"{type.Name}.{property} is {t.Name}");
        }
    }

    [Fact]
    public void The_shared_building_blocks_know_no_service()
    {
        foreach (var shared in new[] { typeof(ServiceDefaults.Roles).Assembly, typeof(Persistence.AuditEntry).Assembly, typeof(Messaging.OutboxMessage).Assembly })
            Assert.DoesNotContain(OwnReferences(shared), n => Services.Any(s => n.StartsWith(s + ".", StringComparison.Ordinal)));
    }

    /// <summary>The shared read models are fed by planning's events: they know its contracts and the
    /// building blocks, like a service, and no service's code.</summary>
    [Fact]
    public void The_shared_read_models_know_no_service_but_its_contracts()
    {
        var readModels = typeof(ReadModels.EnterpriseView).Assembly;
        Assert.Contains("Planning.Contracts", OwnReferences(readModels));
        Assert.Empty(Violations("ReadModels", readModels));
    }

    /// <summary>The registry is planning's own: it keeps no copy of it. The gateway keeps the registry's
    /// enterprises (to bind enterprise users and invitations) with the shared read model, as the services do.</summary>
    [Fact]
    public void Planning_keeps_no_read_model_and_the_gateway_keeps_the_shared_one()
    {
        Assert.Contains("ReadModels", OwnReferences(typeof(Filing.Api.FilingServices).Assembly));
        Assert.Contains("ReadModels", OwnReferences(typeof(Gateway.Data.GatewayDb).Assembly));
        Assert.Empty(LayerViolations(typeof(Planning.Api.PlanningServices).Assembly, "ReadModels"));
    }

    /// <summary>The building blocks of <paramref name="assembly"/> that it must not reference.</summary>
    static List<string> LayerViolations(Assembly assembly, params string[] forbidden) =>
        OwnReferences(assembly).Where(forbidden.Contains).ToList();

    /// <summary>The gateway consumes planning's events (and asks for them again at start) but has no events
    /// of its own: no contracts assembly, and no service's but planning's.</summary>
    [Fact]
    public void The_gateway_keeps_a_database_but_publishes_no_event()
    {
        var gateway = typeof(Gateway.Data.GatewayDb).Assembly;
        Assert.Contains("Persistence", OwnReferences(gateway));
        Assert.DoesNotContain(gateway.GetReferencedAssemblies().Select(a => a.Name!), n => n.EndsWith(".Contracts", StringComparison.Ordinal) && n != "Planning.Contracts");
        Assert.DoesNotContain(gateway.GetTypes(), t => t.Namespace?.EndsWith(".Contracts", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Persistence_knows_nothing_of_messaging()
    {
        Assert.Empty(LayerViolations(typeof(Persistence.AuditEntry).Assembly, "Messaging", "ReadModels"));
        Assert.Empty(LayerViolations(typeof(ServiceDefaults.Roles).Assembly, "Messaging", "Persistence", "ReadModels"));
        Assert.Empty(LayerViolations(typeof(Messaging.OutboxMessage).Assembly, "ReadModels"));
    }

    [Fact]
    public void The_layer_rule_does_catch_a_reference_to_messaging()
    {
        // A service's Api references Messaging: seen as the gateway, it must fail.
        Assert.Equal(["Messaging"], LayerViolations(typeof(Filing.Api.FilingServices).Assembly, "Messaging"));
    }
}
