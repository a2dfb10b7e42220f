using System.Net;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>A service whose database is down must say so at /health/ready, so Kubernetes stops
/// sending it traffic, and must recover on its own when the database returns.</summary>
public sealed class Readiness_follows_the_database : IAsyncLifetime
{
    PrivatePostgres _postgres = null!;
    ServiceFactory<Planning.Api.Data.PlanningDb> _planning = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        // A cluster of its own: stopping the shared one would break every other test.
        _postgres = await PrivatePostgres.StartAsync(infra.Folder("readiness-postgres", Guid.NewGuid().ToString("N")[..8]));
        var database = await _postgres.CreateDatabaseAsync("planning");
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("ready");
        _planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", database, broker));
    }

    public async Task DisposeAsync()
    {
        await _planning.DisposeAsync();
        await _postgres.StopAsync();
    }

    [Fact]
    public async Task Given_a_ready_service_When_its_database_stops_Then_it_is_not_ready_until_the_database_is_back()
    {
        using var client = _planning.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await _postgres.StopAsync();
        await Eventually.Until(async () => (await client.GetAsync("/health/ready")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable, "readiness turns red");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        // Anyone may probe, but only the office is told why: driver errors name hosts, ports and users.
        using (var asked = await client.GetAsync("/health/ready"))
        {
            var body = await asked.Content.ReadAsStringAsync();
            Assert.Contains("\"database\":{\"status\":\"Unhealthy\"}", body);
            Assert.DoesNotContain("description", body);
            Assert.DoesNotContain("127.0.0.1", body);
        }
        using (var asked = await client.CallAsync(HttpMethod.Get, "/health/ready", TestIdentity.Office()))
            Assert.Contains("description", await asked.Content.ReadAsStringAsync());

        await _postgres.StartAgainAsync();
        await Eventually.Until(async () => (await client.GetAsync("/health/ready")).StatusCode, s => s == HttpStatusCode.OK, "readiness turns green again");
    }
}
