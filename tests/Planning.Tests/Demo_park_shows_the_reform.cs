using ServiceDefaults;
using System.Net;
using Planning.Domain;
using TestInfrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Planning.Tests;

/// <summary>The demo park of ./run.sh: a registry that passes its own checks, and declarations whose
/// consolidation shows what the reform is for.</summary>
public sealed class Demo_park_shows_the_reform(ITestOutputHelper output) : IAsyncLifetime
{
    ServiceFactory<Planning.Api.Data.PlanningDb> _planning = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", await infra.Postgres.CreateDatabaseAsync("planning"),
            await infra.RabbitMq.CreateVirtualHostAsync("demo"), new Dictionary<string, string> { ["Seed:DemoPark"] = "true" }));
    }

    public Task DisposeAsync() => _planning.DisposeAsync().AsTask();

    [Fact]
    public async Task The_demo_registry_is_valid_and_its_declarations_consolidate_into_fewer_joint_visits()
    {
        using var client = _planning.CreateClient();
        var agencies = (await (await client.GetAsync("/api/planning/agencies")).JsonAsync()).EnumerateArray().ToList();
        var enterprises = (await (await client.GetAsync("/api/planning/enterprises")).JsonAsync()).EnumerateArray().ToList();
        var matters = (await (await client.GetAsync("/api/planning/matters")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(17, agencies.Count);
        Assert.Equal(60, enterprises.Count);
        Assert.All(enterprises, e => Assert.True(CreditCode.IsValid(e.GetProperty("creditCode").GetString())));
        Assert.True(matters.Count >= 100);
        var mergeableShare = matters.Count(m => m.GetProperty("mergeable").GetBoolean()) / (double)matters.Count;
        Assert.InRange(mergeableShare, 0.25, 0.40);

        using var run = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var figures = (await run.JsonAsync()).GetProperty("summary").GetProperty("figures");
        output.WriteLine(figures.ToString());
        Assert.True(figures.GetProperty("reductionRate").GetDouble() >= 0.25, $"the demo should show the reform: {figures}");
        Assert.True(figures.GetProperty("jointVisits").GetInt32() > 0);
        Assert.True(figures.GetProperty("gap").GetInt32() >= 0);

        // Without the limit of agencies per visit the bound applies in full: the plan is minimal or nearly.
        using var unlimited = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { maxAgenciesPerJointVisit = 17 });
        var free = (await unlimited.JsonAsync()).GetProperty("summary").GetProperty("figures");
        output.WriteLine(free.ToString());
        Assert.InRange(free.GetProperty("gap").GetInt32(), 0, 1);
    }
}
