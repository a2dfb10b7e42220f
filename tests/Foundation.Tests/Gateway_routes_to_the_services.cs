using System.Net;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>The gateway forwards each service's paths to it, answers unknown paths with problem
/// details, and stays ready while a service behind it is down, answering only that service's routes
/// with 503.</summary>
public sealed class Gateway_routes_to_the_services : IAsyncLifetime
{
    readonly Dictionary<string, ServiceProcess> _services = [];
    ServiceFactory<Gateway.Data.GatewayDb> _gateway = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("gateway");
        foreach (var name in new[] { "planning", "filing", "tolerance", "supervision" })
        {
            var project = $"{char.ToUpperInvariant(name[0])}{name[1..]}.Api";
            _services[name] = await ServiceProcess.StartAsync(project, ServiceSettings.For(name, await infra.Postgres.CreateDatabaseAsync(name), broker), infra);
        }
        var settings = new Dictionary<string, string>(TestIdentity.Settings)
        {
            ["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway"),
            ["ConnectionStrings:rabbitmq"] = broker,
            ["Identity:SigningKeyPem"] = TestIdentity.SigningKeyPem,
        };
        foreach (var (name, service) in _services)
            settings[$"ReverseProxy:Clusters:{name}:Destinations:d1:Address"] = service.BaseAddress.ToString();
        _gateway = new ServiceFactory<Gateway.Data.GatewayDb>(settings);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var service in _services.Values) await service.DisposeAsync();
    }

    [Fact]
    public async Task Every_service_is_reached_through_its_path_and_unknown_paths_get_problem_details()
    {
        using var client = _gateway.CreateClient();

        using var registry = await client.GetAsync("/api/planning/enterprises");
        Assert.Equal(HttpStatusCode.OK, registry.StatusCode);
        foreach (var name in new[] { "filing", "tolerance", "supervision" })
        {
            // Nothing is mapped there yet: the service itself answers 404 with problem details.
            using var response = await client.GetAsync($"/api/{name}/no-such-resource");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var unknown = await client.GetAsync("/api/unknown/things");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_gateway_stays_ready_while_a_service_is_down_and_answers_only_its_routes_503()
    {
        using var client = _gateway.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await _services["tolerance"].KillAsync();

        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var down = await client.GetAsync("/api/tolerance/items");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.NotNull(down.Headers.RetryAfter);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        using var other = await client.GetAsync("/api/planning/enterprises");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
