using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>Readiness does not chain: with one service down the gateway stays ready, that service's
/// routes are answered at once with 503 problem details and Retry-After (never held for the request's
/// timeout, never 400 or 504), the other services are reached as before, and the service is routed to
/// again as soon as it is back. A service that accepts the connection but never answers is 504 after the
/// route's timeout, not 400. Each test puts a process of its own of the service (a replica on the same
/// database and queues) behind a gateway of its own, so the fixture's platform is left alone.</summary>
[Collection(PlatformCollection.Name)]
public sealed class A_service_that_is_down(PlatformFixture platform)
{
    const int ProbeSeconds = 2;
    const int HeldSeconds = 600;

    [Fact]
    public async Task Leaves_the_gateway_ready_and_only_its_own_routes_answer_503_at_once_until_it_is_back()
    {
        await using var tolerance = await platform.Platform.StartReplicaAsync("tolerance");
        await using var gateway = await ExtraGateway.StartAsync(platform, new Dictionary<string, string>
        {
            ["ReverseProxy:Clusters:tolerance:Destinations:d1:Address"] = tolerance.BaseAddress.ToString(),
            ["Gateway:ProbeIntervalSeconds"] = ProbeSeconds.ToString(),
            // A request held until its timeout (the old behaviour) would take 10 minutes: far from any
            // answer given at once, however loaded the machine.
            ["Gateway:TimeoutSeconds"] = HeldSeconds.ToString(),
            // The answers come fast, and this test asks many times.
            ["RateLimits:AnonymousPerMinute"] = "100000",
        });
        using var client = gateway.CreateClient();
        using (var before = await client.GetAsync("/api/tolerance/items"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await tolerance.KillAsync();

        // Asked again and again across several probes: first the refused connection answers, then the
        // probes have taken the service out; either way the same answer, at once.
        var slowest = TimeSpan.Zero;
        var answers = 0;
        var watching = Stopwatch.StartNew();
        while (watching.Elapsed < TimeSpan.FromSeconds(4 * ProbeSeconds) || answers < 5)
        {
            var one = Stopwatch.StartNew();
            using var down = await client.GetAsync("/api/tolerance/items");
            slowest = one.Elapsed > slowest ? one.Elapsed : slowest;
            answers++;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(ProbeSeconds), down.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            var problem = await down.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("gateway.service-unavailable", problem.GetProperty("code").GetString());
            Assert.Contains("tolerance", problem.GetProperty("title").GetString());
            await Task.Delay(100);
        }
        // No answer waited for the route's timeout: each came long before it.
        Assert.True(slowest < TimeSpan.FromSeconds(HeldSeconds / 4), $"the slowest of {answers} answers took {slowest.TotalMilliseconds:0} ms");
        Console.WriteLine($"service down: {answers} answers of 503, the slowest in {slowest.TotalMilliseconds:0} ms");

        using (var chinese = new HttpRequestMessage(HttpMethod.Get, "/api/tolerance/items"))
        {
            chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
            using var down = await client.SendAsync(chinese);
            Assert.Contains("暂时不可用", (await down.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        using (var ready = await client.GetAsync("/health/ready"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using (var planning = await client.GetAsync("/api/planning/enterprises"))
            Assert.Equal(HttpStatusCode.OK, planning.StatusCode);
        using (var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "agency-yj", ["client_secret"] = "yj-demo-secret",
        })))
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        await tolerance.StartAsync();
        await Eventually.Until(async () =>
        {
            using var back = await client.GetAsync("/api/tolerance/items");
            return back.StatusCode;
        }, s => s == HttpStatusCode.OK, "the service is routed to again once it is back", every: TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task That_hangs_is_answered_504_after_the_routes_timeout_never_400()
    {
        await using var filing = await platform.Platform.StartReplicaAsync("filing");
        await using var gateway = await ExtraGateway.StartAsync(platform, new Dictionary<string, string>
        {
            ["ReverseProxy:Clusters:filing:Destinations:d1:Address"] = filing.BaseAddress.ToString(),
            ["Gateway:TimeoutSeconds"] = "3",
            // Not probed again during the test: the request itself meets the hung service.
            ["Gateway:ProbeIntervalSeconds"] = "3600",
        });
        using var client = gateway.CreateClient();
        using (var before = await client.GetAsync("/api/filing/verify/AAAA-BBBB"))
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);

        await filing.PauseAsync();
        try
        {
            using var hung = await client.GetAsync("/api/filing/verify/AAAA-BBBB");
            Assert.Equal(HttpStatusCode.GatewayTimeout, hung.StatusCode);
            Assert.Equal("application/problem+json", hung.Content.Headers.ContentType?.MediaType);
            Assert.Equal("gateway.service-timeout", (await hung.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        finally
        {
            // Killed while stopped: its unacknowledged messages go back to the queues for the fixture's filing.
            await filing.ResumeAsync();
        }
    }
}
