using System.Net;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>A second gateway in front of the same services, with small budgets and a two-second window:
/// the limits trip with 429, problem details and Retry-After, per caller, and recover.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Rate_limits(PlatformFixture platform) : IAsyncLifetime
{
    ServiceProcess _gateway = null!;
    HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(platform.Platform.GatewaySettings)
        {
            ["ConnectionStrings:gateway"] = await (await SharedInfrastructure.GetAsync()).Postgres.CreateDatabaseAsync("gateway"),
            ["RateLimits:Window"] = "00:00:02",
            ["RateLimits:VerificationsPerMinute"] = "150",   // 5 per 2 s
            ["RateLimits:PerClientPerMinute"] = "90",        // 3 per 2 s
            ["RateLimits:TokenRequestsPerMinute"] = "100000",
        };
        _gateway = await ServiceProcess.StartAsync("Gateway", settings, await SharedInfrastructure.GetAsync());
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Anonymous_verification_is_limited_per_address_and_recovers()
    {
        await Task.Delay(2100);   // start at the beginning of a window
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await _client.GetAsync("/api/filing/verify/AAAA-BBBB");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s != HttpStatusCode.TooManyRequests) <= 5);
        await Task.Delay(2100);
        using var recovered = await _client.GetAsync("/api/filing/verify/AAAA-BBBB");
        Assert.Equal(HttpStatusCode.NotFound, recovered.StatusCode);
    }

    [Fact]
    public async Task Each_client_has_its_own_budget()
    {
        var yj = await TokenAsync("agency-yj", "yj-demo-secret");
        var sj = await TokenAsync("agency-sj", "sj-demo-secret");
        await Task.Delay(2100);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) codes.Add(await CallAsync(yj));
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(sj));   // another client is not held back
        await Task.Delay(2100);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(yj));
    }

    async Task<HttpStatusCode> CallAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/planning/declarations");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    async Task<string> TokenAsync(string client, string secret)
    {
        using var response = await _client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client, ["client_secret"] = secret,
        }));
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }
}
