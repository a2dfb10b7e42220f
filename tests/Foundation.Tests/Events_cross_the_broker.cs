using System.Net;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>Planning and the three consumers run as separate processes on the real broker and
/// databases; an enterprise registered in planning appears in every other service's read model.</summary>
public sealed class Events_cross_the_broker : IAsyncLifetime
{
    SharedInfrastructure _infra = null!;
    readonly Dictionary<string, string> _databases = [];
    readonly List<ServiceProcess> _services = [];

    public async Task InitializeAsync()
    {
        _infra = await SharedInfrastructure.GetAsync();
        var broker = await _infra.RabbitMq.CreateVirtualHostAsync("cross");
        foreach (var service in new[] { "planning", "filing", "tolerance", "supervision" })
            _databases[service] = await _infra.Postgres.CreateDatabaseAsync(service);

        var starts = _databases.Select(d => ServiceProcess.StartAsync($"{char.ToUpperInvariant(d.Key[0])}{d.Key[1..]}.Api",
            ServiceSettings.For(d.Key, d.Value, broker), _infra));
        _services.AddRange(await Task.WhenAll(starts));
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _services) await s.DisposeAsync();
    }

    [Fact]
    public async Task An_enterprise_registered_in_planning_reaches_filing_tolerance_and_supervision()
    {
        var code = Demo.NewCreditCode();
        using var planning = _services[0].CreateClient();

        using var response = await Demo.RegisterAsync(planning, code);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        foreach (var service in new[] { "filing", "tolerance", "supervision" })
        {
            var name = await Eventually.Until(
                () => Sql.ScalarAsync<string?>(_databases[service], "SELECT name FROM enterprises WHERE credit_code = $1", code),
                n => n is not null, $"{service} has the enterprise in its read model");
            Assert.Equal("华东精细化工有限公司", name);
        }

        using var changed = await planning.CallAsync(HttpMethod.Put, $"/api/planning/enterprises/{code}", TestIdentity.Office(), new
        {
            name = "华东新材料有限公司", zone = "新材料产业区", industry = "新材料", riskLevel = "Medium",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        foreach (var service in new[] { "filing", "tolerance", "supervision" })
        {
            await Eventually.Until(
                () => Sql.ScalarAsync<string?>(_databases[service], "SELECT name FROM enterprises WHERE credit_code = $1", code),
                n => n == "华东新材料有限公司", $"{service} has the corrected name");
        }
    }
}
