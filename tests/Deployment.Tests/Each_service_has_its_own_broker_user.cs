using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;
using MassTransit;
using Xunit;

namespace Deployment.Tests;

/// <summary>Each service connects to the broker as its own user (messaging-topology operator User and
/// Permission), allowed what its MassTransit topology needs and nothing of another service's: checked
/// against the consumers and contracts in the code, so a consumer added without its permission fails
/// here, not on the cluster.</summary>
public sealed class Each_service_has_its_own_broker_user
{
    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    static readonly Dictionary<string, Assembly> Apis = new()
    {
        ["planning"] = typeof(Planning.Api.Data.PlanningDb).Assembly,
        ["filing"] = typeof(Filing.Api.Data.FilingDb).Assembly,
        ["tolerance"] = typeof(Tolerance.Api.Data.ToleranceDb).Assembly,
        ["supervision"] = typeof(Supervision.Api.Data.SupervisionDb).Assembly,
        ["gateway"] = typeof(Gateway.Data.GatewayDb).Assembly,
    };

    /// <summary>A service's consumers, from its assembly and the shared assemblies it references
    /// (the enterprise read models), with the message each consumes.</summary>
    static IEnumerable<(Type Consumer, Type Message)> Consumers(string service)
    {
        var api = Apis[service];
        var platform = api.GetReferencedAssemblies().Where(a => a.Name is "ReadModels" or "Messaging" or "Persistence").Select(Assembly.Load);
        return platform.Prepend(api).SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
                .Select(i => (t, i.GetGenericArguments()[0])));
    }

    /// <summary>The queue MassTransit names for a consumer, with the endpoint name formatter of
    /// services/shared/Messaging (kebab case, prefixed with the service).</summary>
    static string Queue(string service, Type consumer) =>
        (string)typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!.MakeGenericMethod(consumer)
            .Invoke(new KebabCaseEndpointNameFormatter(service, false), null)!;

    /// <summary>The exchange a message type is published to (MassTransit's entity name).</summary>
    static string Exchange(Type message) => $"{message.Namespace}:{message.Name}";

    /// <summary>The messages a service publishes: the types of its contracts assembly, and planning's
    /// <c>ReferenceDataRequested</c> when it keeps planning's reference data (its web project uses
    /// ReadModels, which asks for them again at every start).</summary>
    static IEnumerable<Type> Published(string service)
    {
        var name = $"{char.ToUpperInvariant(service[0])}{service[1..]}";
        var own = Assembly.Load($"{name}.Contracts").GetExportedTypes().Where(t => t is { IsClass: true, IsNested: false });
        var project = File.ReadAllText(Path.Combine(TestInfrastructure.Repository.Root, "services", service, $"{name}.Api", $"{name}.Api.csproj"));
        return project.Contains("ReadModels.csproj", StringComparison.Ordinal) ? own.Append(typeof(Planning.Contracts.ReferenceDataRequested)) : own;
    }

    sealed record Grants(Regex Configure, Regex Write, Regex Read);

    static Grants GrantsOf(Rendered r, string service)
    {
        var user = r.Of<RabbitmqUser>().Single(u => u.Metadata.Name == $"{service}-broker");
        var permission = r.Of<RabbitmqPermission>().Single(p => p.Value("userReference", "name") == user.Metadata.Name);
        Assert.Equal("rabbitmq", permission.Value("rabbitmqClusterReference", "name"));
        Assert.Equal("/", permission.Value("vhost"));
        // RabbitMQ searches each expression in the name (unanchored), as Regex.IsMatch does.
        Regex Of(string kind) => new(permission.Value("permissions", kind) ?? "(?!)", RegexOptions.CultureInvariant);
        return new Grants(Of("configure"), Of("write"), Of("read"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_has_its_own_broker_user(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        // The gateway too: it keeps the registry's enterprises from planning's events.
        var deployables = Manifests_hold_together.Services.Append("gateway").ToList();
        var users = deployables.Select(s => r.Of<RabbitmqUser>().Single(u => u.Metadata.Name == $"{s}-broker")).ToList();
        Assert.All(users, u => Assert.Equal("rabbitmq", u.Value("rabbitmqClusterReference", "name")));
        var credentials = users.Select(u => u.Value("importCredentialsSecret", "name")).ToList();
        Assert.Equal(credentials.Count, credentials.Distinct().Count());
        Assert.All(users, u => Assert.Empty(u.At("tags") as IEnumerable<object> ?? []));   // no management or administrator tag
        Assert.Equal(users.Count, r.Of<RabbitmqPermission>().Count());
        if (overlay != "dev") return;

        // In dev the secrets are rendered: each service's connection string logs in as its own user.
        var logins = new HashSet<string>();
        foreach (var (service, secret) in deployables.Zip(credentials))
        {
            var user = Data(r, secret!);
            var broker = new Uri(Data(r, $"{service}-connections")["ConnectionStrings__rabbitmq"]);
            Assert.Equal($"{user["username"]}:{user["password"]}", Uri.UnescapeDataString(broker.UserInfo));
            Assert.True(logins.Add(user["username"]), $"{service} shares the broker user {user["username"]}");
        }
    }

    /// <summary>A rendered secret's values, as text.</summary>
    internal static IDictionary<string, string> Data(Rendered r, string secret)
    {
        var s = r.Of<V1Secret>().Single(x => x.Metadata.Name == secret);
        return s.StringData ?? s.Data.ToDictionary(kv => kv.Key, kv => System.Text.Encoding.UTF8.GetString(kv.Value));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void A_broker_user_may_use_its_own_queues_and_exchanges_only(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var services = Manifests_hold_together.Services;
        var queues = services.ToDictionary(s => s, s => Consumers(s).Select(c => Queue(s, c.Consumer))
            .SelectMany(q => new[] { q, $"{q}_error", $"{q}_skipped" })
            .Append($"{s}-6d4cf56d9b-x7k2q_dotnet_bus_4nyoyyrctwkq8bkbbdppk9oi8n")   // the bus endpoint, named after the pod
            .ToList());
        var consumed = services.ToDictionary(s => s, s => Consumers(s).Select(c => Exchange(c.Message)).ToHashSet());
        var published = services.ToDictionary(s => s, s => Published(s).Select(Exchange).ToHashSet());
        Assert.All(services, s => Assert.NotEmpty(queues[s]));

        foreach (var s in services)
        {
            var g = GrantsOf(r, s);
            foreach (var q in queues[s])
            {
                Assert.True(g.Configure.IsMatch(q) && g.Read.IsMatch(q) && g.Write.IsMatch(q), $"{overlay}: {s} cannot declare, consume from or bind {q}");
            }
            foreach (var e in consumed[s])
            {
                Assert.True(g.Configure.IsMatch(e) && g.Read.IsMatch(e), $"{overlay}: {s} consumes {e} but may not declare or bind from it");
                Assert.True(g.Write.IsMatch(e) == published[s].Contains(e), $"{overlay}: {s} may publish {e}, another service's event");
            }
            foreach (var e in published[s])
                Assert.True(g.Configure.IsMatch(e) && g.Write.IsMatch(e), $"{overlay}: {s} cannot publish its event {e}");
            Assert.True(g.Write.IsMatch($"MassTransit:Fault--{consumed[s].First()}--"), $"{overlay}: {s} cannot publish a fault");

            foreach (var other in services.Where(o => o != s))
            {
                foreach (var q in queues[other])
                    Assert.False(g.Configure.IsMatch(q) || g.Read.IsMatch(q) || g.Write.IsMatch(q), $"{overlay}: {s} may touch {other}'s queue {q}");
                foreach (var e in published[other].Except(published[s]))
                {
                    Assert.False(g.Write.IsMatch(e), $"{overlay}: {s} may publish {other}'s event {e}");
                    Assert.True(g.Read.IsMatch(e) == consumed[s].Contains(e), $"{overlay}: {s} may bind from {e}, which it does not consume");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_gateway_may_bind_the_registry_s_events_it_keeps_and_publish_none_of_them(string overlay)
    {
        var g = GrantsOf(Manifests_hold_together.Render(overlay), "gateway");
        var consumers = Consumers("gateway").ToList();
        Assert.Contains(consumers, c => c.Message == typeof(Planning.Contracts.AgencyChanged));
        foreach (var (consumer, message) in consumers)
        {
            var queue = Queue("gateway", consumer);
            Assert.True(g.Configure.IsMatch(queue) && g.Read.IsMatch(queue) && g.Write.IsMatch(queue), $"{overlay}: the gateway cannot declare, consume from or bind {queue}");
            var exchange = Exchange(message);
            Assert.True(g.Configure.IsMatch(exchange) && g.Read.IsMatch(exchange), $"{overlay}: the gateway consumes {exchange} but may not declare or bind from it");
            Assert.False(g.Write.IsMatch(exchange), $"{overlay}: the gateway may publish {exchange}, planning's event");
        }
    }
}
