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
        await Eventually.Until(() => Sql.CountAsync(Databases["filing"], "enterprises"), n => n == 60, "the demo park reached filing");
        await Eventually.Until(() => Sql.CountAsync(Databases["supervision"], "agencies"), n => n >= 17, "supervision knows the agencies");
    }

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
