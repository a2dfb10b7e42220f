using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>The four services as processes, on a RabbitMQ node of their own (the run's shared node
/// must not be stopped under the other tests) and with the databases of filing (which answers the
/// agencies) and supervision (which consumes most) each in a cluster of its own, so one service's
/// PostgreSQL can be stopped; the demo park seeded. Shared by the fault scenarios,
/// which run one after the other; each leaves every service running.</summary>
public sealed class FaultPlatform : IAsyncLifetime
{
    public static readonly string[] ServiceNames = ["filing", "tolerance", "supervision", "planning"];

    readonly Dictionary<string, ServiceProcess> _services = [];
    readonly Dictionary<string, Dictionary<string, string>> _settings = [];
    public IReadOnlyDictionary<string, ServiceProcess> Services => _services;
    public Dictionary<string, string> Databases { get; } = [];
    public SharedInfrastructure Infrastructure { get; private set; } = null!;
    public PrivateRabbitMq Broker { get; private set; } = null!;
    /// <summary>The clusters of their own: filing's and supervision's.</summary>
    public Dictionary<string, PrivatePostgres> Clusters { get; } = [];

    /// <summary>Services whose database a test restored from a logical backup, with a transaction taken
    /// right after: every row before it was rewritten by the restore, so the trail (留痕) is checked on
    /// what is written after it.</summary>
    public Dictionary<string, long> RestoredAt { get; } = [];
    public string[] Enterprises { get; private set; } = [];
    /// <summary>Agencies filing in the stream, each with a matter of its own.</summary>
    public Dictionary<string, string> Matters { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Infrastructure = await SharedInfrastructure.GetAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        var broker = PrivateRabbitMq.StartAsync(Infrastructure.Folder("faults", id, "rabbitmq"));
        var filingCluster = PrivatePostgres.StartAsync(Infrastructure.Folder("faults", id, "postgres-filing"));
        var supervisionCluster = PrivatePostgres.StartAsync(Infrastructure.Folder("faults", id, "postgres-supervision"));
        var toleranceCluster = PrivatePostgres.StartAsync(Infrastructure.Folder("faults", id, "postgres-tolerance"));
        (Broker, Clusters["filing"], Clusters["supervision"], Clusters["tolerance"]) = (await broker, await filingCluster, await supervisionCluster, await toleranceCluster);

        foreach (var service in ServiceNames)
            Databases[service] = await (Clusters.TryGetValue(service, out var own) ? own : Infrastructure.Postgres).CreateDatabaseAsync(service);
        // Consumers first: planning announces the demo park as it starts.
        foreach (var service in ServiceNames)
        {
            _settings[service] = ServiceSettings.For(service, Databases[service], Broker.Uri, new Dictionary<string, string>
            {
                ["Seed:DemoPark"] = "true",
                // Many filings at few enterprises: the yearly caps alert instead of refusing.
                ["Filing:AcceptOverCapWithAlert"] = "true",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            _services[service] = await ServiceProcess.StartAsync(Platform.Project(service), _settings[service], Infrastructure);
        }

        await Eventually.Until(() => Sql.CountAsync(Databases["filing"], "enterprises"), n => n >= 3, "filing knows the park");
        await Eventually.Until(() => Sql.CountAsync(Databases["filing"], "matters"), n => n >= 4, "filing knows the catalog");
        await Eventually.Until(() => Sql.CountAsync(Databases["filing"], "agency_rosters", "inspectors <> '[]'::jsonb"), n => n == DemoRoster.Agencies.Length, "filing knows the rosters");
        await Eventually.Until(() => Sql.CountAsync(Databases["supervision"], "enterprises"), n => n >= 3, "supervision knows the park");
        Enterprises = (await Sql.RowsAsync(Databases["filing"], "SELECT credit_code FROM enterprises ORDER BY credit_code", r => r.GetString(0))).ToArray();
        Matters = (await Sql.RowsAsync(Databases["filing"], "SELECT agency_code, min(code) FROM matters WHERE agency_code IN ('YJ', 'SJ', 'XF', 'ZF') GROUP BY agency_code", r => (r.GetString(0), r.GetString(1))))
            .ToDictionary(m => m.Item1, m => m.Item2);
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services.Values) await service.DisposeAsync();
        await Broker.StopAsync();
        foreach (var cluster in Clusters.Values) await cluster.StopAsync();
    }

    /// <summary>The gateway in front of the four services, trusting the tests' tokens (it validates them
    /// as it would its own), with <paramref name="replicas"/> as further destinations of their service's
    /// cluster; the caller disposes it.</summary>
    public async Task<ServiceProcess> StartGatewayAsync(IReadOnlyDictionary<string, ServiceProcess[]>? replicas = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:gateway"] = await Infrastructure.Postgres.CreateDatabaseAsync("gateway"),
            ["ConnectionStrings:rabbitmq"] = Broker.Uri,
            ["Identity:Issuer"] = TestIdentity.Issuer,
            ["Identity:SigningKeyPem"] = TestIdentity.SigningKeyPem,
            ["RateLimits:PerClientPerMinute"] = "10000000",
            ["RateLimits:AnonymousPerMinute"] = "10000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (service, process) in _services)
        {
            settings[$"ReverseProxy:Clusters:{service}:Destinations:d1:Address"] = process.BaseAddress.ToString();
            foreach (var (replica, n) in (replicas?.GetValueOrDefault(service) ?? []).Select((r, i) => (r, i + 2)))
                settings[$"ReverseProxy:Clusters:{service}:Destinations:d{n}:Address"] = replica.BaseAddress.ToString();
        }
        return await ServiceProcess.StartAsync("Gateway", settings, Infrastructure);
    }

    /// <summary>Another replica of <paramref name="service"/> on the same database and queues.</summary>
    public Task<ServiceProcess> StartReplicaAsync(string service) => ServiceProcess.StartAsync(Platform.Project(service), _settings[service], Infrastructure);
}

[CollectionDefinition("faults")]
public sealed class FaultCollection : ICollectionFixture<FaultPlatform>;
