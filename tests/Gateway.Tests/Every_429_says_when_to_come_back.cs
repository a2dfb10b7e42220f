using System.Net;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>Every 429 that leaves the gateway carries Retry-After: its own refusals (see
/// <see cref="Rate_limits"/> and <see cref="Real_client_addresses"/>), and a service's that gave none.
/// Here filing's own verification limit is the one that trips (a filing process of the test's own, with
/// a budget of two a minute, behind a gateway of the test's own).</summary>
[Collection(PlatformCollection.Name)]
public sealed class Every_429_says_when_to_come_back(PlatformFixture platform)
{
    [Fact]
    public async Task A_services_refusal_is_given_Retry_After_on_its_way_out()
    {
        await using var filing = await platform.Platform.StartReplicaAsync("filing", new Dictionary<string, string> { ["Filing:VerificationsPerMinute"] = "2" });
        await using var gateway = await ExtraGateway.StartAsync(platform, new Dictionary<string, string>
        {
            ["ReverseProxy:Clusters:filing:Destinations:d1:Address"] = filing.BaseAddress.ToString(),
        });
        using var client = gateway.CreateClient();
        for (var call = 0; ; call++)
        {
            Assert.True(call < 100, "100 verifications passed without a 429: filing's limit does not hold.");
            using var response = await client.GetAsync("/api/filing/verify/AAAA-BBBB");
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                continue;
            }
            Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {response.Headers.RetryAfter}");
            return;
        }
    }
}
