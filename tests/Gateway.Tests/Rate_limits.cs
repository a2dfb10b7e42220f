using System.Net;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>A second gateway in front of the same services, with small budgets in a ten-second window:
/// the limits trip with 429, problem details and Retry-After, per caller, and recover. A window starts
/// with its caller's first request; the tests never assume how many requests fit in one (the machine
/// may be slow), only that the budget is never exceeded in the windows they spanned.</summary>
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
            ["ConnectionStrings:rabbitmq"] = await (await SharedInfrastructure.GetAsync()).RabbitMq.CreateVirtualHostAsync("gw-limits"),
            ["RateLimits:Window"] = "00:00:10",
            ["RateLimits:VerificationsPerMinute"] = "30",    // 5 per 10 s
            ["RateLimits:PerClientPerMinute"] = "18",        // 3 per 10 s
            ["RateLimits:TokenRequestsPerMinute"] = "100000",
            ["RateLimits:SignInsPerMinute"] = "18",          // 3 per 10 s
        };
        _gateway = await ServiceProcess.StartAsync("Gateway", settings, await SharedInfrastructure.GetAsync());
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Anonymous_verification_is_limited_per_address_and_recovers()
    {
        var (passed, windows, refused) = await UntilRefusedAsync(() => _client.GetAsync("/api/filing/verify/AAAA-BBBB"));
        using (refused)
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter is not null);
        }
        Assert.True(passed <= 5 * windows, $"{passed} verifications passed in {windows} window(s) of 5");
        await Eventually.Until(async () =>
        {
            using var recovered = await _client.GetAsync("/api/filing/verify/AAAA-BBBB");
            return recovered.StatusCode;
        }, s => s == HttpStatusCode.NotFound, "verification recovers", every: TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Each_client_has_its_own_budget()
    {
        var yj = await TokenAsync("agency-yj", "yj-demo-secret");
        var sj = await TokenAsync("agency-sj", "sj-demo-secret");
        var (passed, windows, refused) = await UntilRefusedAsync(() => CallAsync(yj));
        using (refused)
            Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.True(passed <= 3 * windows, $"{passed} calls passed in {windows} window(s) of 3");
        using (var other = await CallAsync(sj))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);   // another client is not held back: its first window is its own
        await Eventually.Until(async () =>
        {
            using var recovered = await CallAsync(yj);
            return recovered.StatusCode;
        }, s => s == HttpStatusCode.OK, "the client's budget recovers", every: TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Passwords_sent_to_the_sign_in_page_have_their_own_budget_apart_from_the_token_endpoint()
    {
        var (form, status, page) = await CodeFlowSignIn.OpenAsync(_client);
        Assert.True(form is not null, $"{(int)status} {page}");
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var passed = 0;
        HttpResponseMessage refused;
        while (true)
        {
            Assert.True(passed < 100, "100 sign-ins passed without a 429: the sign-in page's limit does not hold.");
            var response = await _client.PostAsync(form!.Action, new FormUrlEncodedContent(form.With("no-such-user", $"guess {passed}")));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) { refused = response; break; }
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            response.Dispose();
            passed++;
        }
        using (refused)
        {
            Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {refused.Headers.RetryAfter}");
            // A person reads this answer: the page says it in Chinese, announced, with the way back.
            Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("role=\"alert\"", html);
            Assert.Contains("登录尝试过于频繁", html);
        }
        Assert.True(passed <= 3 * (1 + (int)(elapsed.Elapsed / Window)), $"{passed} sign-ins passed");
        // The same address still gets tokens: the token endpoint's budget is another.
        using (var token = await _client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["grant_type"] = "client_credentials", ["client_id"] = "agency-yj", ["client_secret"] = "yj-demo-secret",
               })))
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        await Eventually.Until(async () =>
        {
            using var recovered = await _client.PostAsync(form!.Action, new FormUrlEncodedContent(form.With("no-such-user", "one more guess")));
            return recovered.StatusCode;
        }, s => s == HttpStatusCode.Unauthorized, "the sign-in page's budget recovers", every: TimeSpan.FromSeconds(1));
    }

    /// <summary>Calls until one is refused with 429 (a budget is a handful; far more calls pass only if the
    /// limit is broken): how many passed, in how many windows at most (from the first call to the
    /// refusal), and the refusal, which the caller disposes.</summary>
    static async Task<(int Passed, int Windows, HttpResponseMessage Refused)> UntilRefusedAsync(Func<Task<HttpResponseMessage>> call)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (var passed = 0; passed < 100; passed++)
        {
            var response = await call();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return (passed, 1 + (int)(elapsed.Elapsed / Window), response);
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode} before any 429");
            response.Dispose();
        }
        throw new Xunit.Sdk.XunitException("100 calls passed without a 429: the limit does not hold.");
    }

    async Task<HttpResponseMessage> CallAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/planning/declarations");
        request.Headers.Authorization = new("Bearer", token);
        return await _client.SendAsync(request);
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
