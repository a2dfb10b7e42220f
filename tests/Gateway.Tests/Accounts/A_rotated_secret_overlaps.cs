using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests.Accounts;

/// <summary>Rotating an agency system's secret: the previous secret keeps working until the overlap ends by
/// the gateway's clock, so the agency deploys the new one without a gap; then only the new one works.</summary>
[Collection(PlatformCollection.Name)]
public sealed class A_rotated_secret_overlaps(PlatformFixture platform)
{
    [Fact]
    public async Task The_previous_secret_works_until_the_overlap_ends_and_no_longer()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string>(platform.Platform.GatewaySettings)
        {
            ["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway"),
            ["ConnectionStrings:rabbitmq"] = await infra.RabbitMq.CreateVirtualHostAsync("gw-rotation"),
        };
        await using var gateway = new ServiceFactory<Program>(settings, services => services.AddSingleton<TimeProvider>(clock));
        using var client = gateway.CreateClient();
        var admin = await Eventually.Until(() => client.SignInAttemptAsync("admin", Accounts_are_administered.DemoPassword),
            attempt => attempt.Tokens is not null, "the demo accounts are seeded");
        var token = admin.Tokens!.AccessToken;

        using (var bad = await client.CallAsync(HttpMethod.Post, "/admin/agency-clients/agency-fg/secret", token, new { overlapHours = -1 }))
            Assert.True((await bad.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("overlapHours", out _));
        using var rotated = await client.CallAsync(HttpMethod.Post, "/admin/agency-clients/agency-fg/secret", token, new { overlapHours = 48 });
        var body = await rotated.JsonAsync();
        Assert.True(rotated.StatusCode == HttpStatusCode.OK, body.ToString());
        var secret = body.GetProperty("clientSecret").GetString()!;
        Assert.Equal(clock.GetUtcNow().AddHours(48), body.GetProperty("previousSecretValidUntil").GetDateTimeOffset());

        using (var previous = await client.ClientGrantAsync("agency-fg", "fg-demo-secret")) Assert.Equal(HttpStatusCode.OK, previous.StatusCode);
        using (var current = await client.ClientGrantAsync("agency-fg", secret)) Assert.Equal(HttpStatusCode.OK, current.StatusCode);

        clock.Advance(TimeSpan.FromHours(48));
        using (var previous = await client.ClientGrantAsync("agency-fg", "fg-demo-secret")) Assert.Equal(HttpStatusCode.Unauthorized, previous.StatusCode);
        using (var current = await client.ClientGrantAsync("agency-fg", secret)) Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }
}
