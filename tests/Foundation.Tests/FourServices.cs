using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>The four services in this process on one virtual host, planning with the demo park,
/// sweeps left to the tests; their databases, clients and service providers (to read endpoints).
/// Filing's clock is the test's (it starts at the machine's time and moves only when told), so a
/// filing can be made before its window and the inspection started inside it without waiting.</summary>
public sealed class FourServices : IAsyncLifetime
{
    public Dictionary<string, string> Databases { get; } = [];
    public Dictionary<string, HttpClient> Clients { get; } = [];
    public Dictionary<string, IServiceProvider> Services { get; } = [];
    public FakeTimeProvider FilingClock { get; } = new(DateTimeOffset.UtcNow);
    readonly List<IAsyncDisposable> _hosts = [];

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("audit");
        foreach (var name in new[] { "planning", "filing", "tolerance", "supervision" }) Databases[name] = await infra.Postgres.CreateDatabaseAsync(name);
        Dictionary<string, string> Settings(string name) => ServiceSettings.For(name, Databases[name], broker, new Dictionary<string, string>
        {
            ["Sweeps:InProcess"] = "false", ["Seed:DemoPark"] = name is "planning" ? "true" : "false", ["Filing:AcceptOverCapWithAlert"] = "true",
        });
        Add("filing", new ServiceFactory<Filing.Api.Data.FilingDb>(Settings("filing"), s => s.AddSingleton<TimeProvider>(FilingClock)));
        Add("tolerance", new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(Settings("tolerance")));
        Add("supervision", new ServiceFactory<Supervision.Api.Data.SupervisionDb>(Settings("supervision")));
        // Planning last: it announces the demo park as it starts.
        Add("planning", new ServiceFactory<Planning.Api.Data.PlanningDb>(Settings("planning")));
        await Eventually.Until(() => Sql.CountAsync(OwnPool(Databases["filing"]), "enterprises"), n => n == 60, "the demo park reached filing");
        await Eventually.Until(() => Sql.CountAsync(OwnPool(Databases["filing"]), "agency_rosters", "inspectors <> '[]'::jsonb"), n => n == DemoRoster.Agencies.Length, "the rosters reached filing");
        await Eventually.Until(() => Sql.CountAsync(OwnPool(Databases["supervision"]), "agencies"), n => n >= 17, "supervision knows the agencies");
        // Each consumer asked planning for its reference data as it started (asking again until planning's
        // queue existed); the answers are handled before the tests begin, so none is measured mid-burst.
        await Eventually.Until(() => Sql.CountAsync(OwnPool(Databases["planning"]), "inbox_messages", "consumer = 'ReferenceDataRequestedConsumer'"), n => n == 3,
            "planning answered filing, tolerance and supervision", TimeSpan.FromMinutes(5));
        await infra.RabbitMq.QuietAsync(broker, Databases.Values.Select(OwnPool));
    }

    /// <summary>The fixture's own connections: in this process the services' pools are keyed by the same
    /// connection strings, and a burst of consumption may hold all of their connections for a while.</summary>
    static string OwnPool(string connectionString) => connectionString + ";Application Name=fixture";

    void Add<TDb>(string name, ServiceFactory<TDb> host) where TDb : class
    {
        Clients[name] = host.CreateClient();
        Services[name] = host.Services;
        _hosts.Add(host);
    }

    public async Task DisposeAsync()
    {
        foreach (var c in Clients.Values) c.Dispose();
        foreach (var h in _hosts) await h.DisposeAsync();
    }
}
