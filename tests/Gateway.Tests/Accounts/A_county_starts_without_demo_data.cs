using System.Net;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests.Accounts;

/// <summary>A production start (no <c>Seed:DemoPark</c>): no account with a known password exists; the
/// operator prints a one-time setup code on the gateway's host, its holder creates the first
/// administrator, the code is spent, and the administrator makes every other account.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class A_county_starts_without_demo_data(PlatformFixture platform) : IAsyncLifetime
{
    ServiceProcess _gateway = null!;
    Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _settings = new Dictionary<string, string>(platform.Platform.GatewaySettings)
        {
            ["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway"),
            // A broker of its own: the platform gateway's queues are not shared with this one.
            ["ConnectionStrings:rabbitmq"] = await infra.RabbitMq.CreateVirtualHostAsync("gw-bare"),
            ["Seed:DemoPark"] = "false",
        };
        _gateway = await ServiceProcess.StartAsync("Gateway", _settings, infra);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task The_setup_code_makes_the_first_administrator_once_who_creates_an_agency_user_who_then_gets_a_token()
    {
        using var client = _gateway.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAttemptAsync("office", Accounts_are_administered.DemoPassword)).Status);
        using (var demoClient = await client.ClientGrantAsync("agency-yj", "yj-demo-secret"))
            Assert.Equal(HttpStatusCode.Unauthorized, demoClient.StatusCode);

        var (exit, output, errors) = await ServiceProcess.RunCommandAsync("Gateway", _settings, "setup-code");
        Assert.True(exit == 0, errors);
        var code = CodeLine().Match(output).Value;
        Assert.False(string.IsNullOrEmpty(code), output);

        // A short password is refused naming the field, and spends nothing.
        using (var weak = await client.CallAsync(HttpMethod.Post, "/setup/administrator", null,
                   new { setupCode = code, userName = "chen", displayName = "县委营商办 陈工", password = "short" }))
            Assert.True((await weak.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("password", out _));

        const string password = "营商办的第一把钥匙 spring river";
        using (var first = await client.CallAsync(HttpMethod.Post, "/setup/administrator", null,
                   new { setupCode = code.ToLowerInvariant().Replace("-", ""), userName = "chen", displayName = "县委营商办 陈工", password }))
            Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        using (var again = await client.CallAsync(HttpMethod.Post, "/setup/administrator", null,
                   new { setupCode = code, userName = "chen2", displayName = "县委营商办 陈工", password }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var (exitAfter, _, _) = await ServiceProcess.RunCommandAsync("Gateway", _settings, "setup-code");
        Assert.Equal(1, exitAfter);

        var admin = await client.TokenAsync("chen", password);
        Assert.Equal("admin", new JsonWebToken(admin).GetClaim("role").Value);
        await PlanningPublishesAsync(new AgencyChanged("NY", 1, "农业农村局", [], DateTimeOffset.UtcNow));
        await client.CreateUserAsync(admin, new { userName = "ny-wang", displayName = "农业农村局 王科长", role = "agency", agencyCode = "NY" }, "ny wang checks the fields");
        var staff = new JsonWebToken(await client.TokenAsync("ny-wang", "ny wang checks the fields"));
        Assert.Equal(("agency", "NY"), (staff.GetClaim("role").Value, staff.GetClaim("agency_code").Value));
    }

    /// <summary>The gateway knows the county's agencies only from planning's registry: on this broker, with no
    /// planning, the test publishes as planning would, again until the gateway has kept it (a publish before
    /// its queue is bound reaches nobody).</summary>
    async Task PlanningPublishesAsync(AgencyChanged agency)
    {
        var planning = await TestBroker.StartAsync(_settings["ConnectionStrings:rabbitmq"]);
        try
        {
            await Eventually.Until(async () =>
            {
                await planning.Publish(agency);
                return await Sql.CountAsync(_settings["ConnectionStrings:gateway"], "agencies", "code = $1 AND name = $2", agency.AgencyCode, agency.Name);
            }, n => n == 1, "the gateway keeps planning's agency", every: TimeSpan.FromSeconds(1));
        }
        finally
        {
            await planning.StopAsync();
        }
    }

    [GeneratedRegex(@"^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();
}
