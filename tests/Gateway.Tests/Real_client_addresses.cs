using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>Behind the ingress every caller arrives from the ingress's address: the gateway believes the
/// client address and scheme the ingress forwards (X-Forwarded-For, X-Forwarded-Proto) only from the
/// configured networks (here 127.0.0.1 is the ingress; a caller at 127.0.0.2 is anyone else). Limits
/// then hold per real client, a forged header from anyone else buys nothing, HSTS goes out when the
/// client came over HTTPS, and the services record the real client. Client-secret guessing at the
/// token endpoint is limited per client and address before any secret is checked. The budgets here are
/// ten per ten-minute window, so no window ends during a test.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Real_client_addresses(PlatformFixture platform, ExtraGateway extra) : IClassFixture<ExtraGateway>
{
    const int Budget = 10;

    async Task<(HttpClient Ingress, HttpClient Elsewhere)> ClientsAsync()
    {
        var gateway = await extra.GetAsync(platform, new Dictionary<string, string>
        {
            ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.1/32",
            ["RateLimits:Window"] = "00:10:00",
            ["RateLimits:VerificationsPerMinute"] = "1",
            ["RateLimits:TokenRequestsPerMinute"] = "1",
        });
        return (gateway.CreateClient(), ExtraGateway.ClientFrom(IPAddress.Parse("127.0.0.2"), gateway.BaseAddress));
    }

    /// <summary>A fresh documentation address per test, so tests never share a budget.</summary>
    static string Client(int n) => $"198.51.100.{n}";

    static HttpRequestMessage Request(HttpMethod method, string path, string? forwardedFor, string? proto = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        return request;
    }

    [Fact]
    public async Task Two_clients_behind_one_trusted_proxy_have_their_own_limits()
    {
        var (ingress, _) = await ClientsAsync();
        using var _1 = ingress;
        var (passed, refused) = await UntilRefusedAsync(() => ingress.SendAsync(Request(HttpMethod.Get, "/api/filing/verify/AAAA-BBBB", Client(1))));
        using (refused) AssertRefusal(refused);
        Assert.Equal(Budget, passed);
        using var other = await ingress.SendAsync(Request(HttpMethod.Get, "/api/filing/verify/AAAA-BBBB", Client(2)));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);   // another client behind the same proxy: its own budget
    }

    [Fact]
    public async Task A_forged_forwarded_address_from_an_untrusted_caller_is_ignored()
    {
        var (ingress, elsewhere) = await ClientsAsync();
        using var _1 = ingress;
        using var _2 = elsewhere;
        var forged = 10;
        // Each request claims to be another client: were the header believed, no budget would run out.
        var (passed, refused) = await UntilRefusedAsync(() => elsewhere.SendAsync(Request(HttpMethod.Get, "/api/filing/verify/AAAA-BBBB", Client(forged++))));
        using (refused) AssertRefusal(refused);
        Assert.Equal(Budget, passed);
        // The caller's own address is what ran out: the trusted proxy's clients are not affected.
        using var behindProxy = await ingress.SendAsync(Request(HttpMethod.Get, "/api/filing/verify/AAAA-BBBB", Client(forged)));
        Assert.Equal(HttpStatusCode.NotFound, behindProxy.StatusCode);
    }

    [Fact]
    public async Task HSTS_is_sent_when_the_client_came_over_HTTPS_as_the_trusted_proxy_says()
    {
        var (ingress, elsewhere) = await ClientsAsync();
        using var _1 = ingress;
        using var _2 = elsewhere;
        using var https = await ingress.SendAsync(Request(HttpMethod.Get, "/api/planning/agencies", Client(30), "https"));
        Assert.Equal("max-age=31536000", https.Headers.GetValues("Strict-Transport-Security").Single());
        using var http = await ingress.SendAsync(Request(HttpMethod.Get, "/api/planning/agencies", Client(30), "http"));
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
        using var claimed = await elsewhere.SendAsync(Request(HttpMethod.Get, "/api/planning/agencies", Client(30), "https"));
        Assert.False(claimed.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_services_record_the_real_client_not_the_proxy()
    {
        var (ingress, _) = await ClientsAsync();
        using var _1 = ingress;
        var client = Client(40);
        // Signed in through the page from behind the ingress, as a browser in the park would.
        var token = (await CodeFlowSignIn.SignInAsync(ingress, "qiye2", PlatformFixture.Password, request => request.Headers.Add("X-Forwarded-For", client))).AccessToken;

        var description = $"希望合并同一周内的多次检查 {Guid.NewGuid():N}";
        using var card = Request(HttpMethod.Post, "/api/supervision/cards", client);
        card.Headers.Authorization = new("Bearer", token);
        card.Content = JsonContent.Create(new { type = "ReasonableDemand", description });
        using var submitted = await ingress.SendAsync(card);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());

        var database = platform.Platform.Databases["supervision"];
        Assert.Equal(1, await Sql.CountAsync(database, "audit_entries", "via = 'POST /api/supervision/cards' AND address = $1", client));
        Assert.Equal(1, await Sql.CountAsync(database, "case_history h JOIN cases c ON c.id = h.case_id JOIN cards d ON d.id = c.card_id", "d.description = $1 AND h.actor_address = $2", description, client));
    }

    [Fact]
    public async Task Guessing_a_clients_secret_is_limited_per_client_and_address_before_the_secret_is_checked()
    {
        var (ingress, _) = await ClientsAsync();
        using var _1 = ingress;
        var guesser = Client(50);
        var guess = 0;
        var (passed, refused) = await UntilRefusedAsync(() => TokenAsync(ingress, guesser, "agency-yj", $"guess-{guess++}"), HttpStatusCode.Unauthorized);
        using (refused) AssertRefusal(refused);
        Assert.Equal(Budget, passed);

        // Refused before the secret is looked at: even the right one, from the guesser's address.
        using (var right = await TokenAsync(ingress, guesser, "agency-yj", "yj-demo-secret"))
            AssertRefusal(right);
        // The client's own system, at its own address, is not locked out; nor is another client at the guesser's.
        using (var owner = await TokenAsync(ingress, Client(51), "agency-yj", "yj-demo-secret"))
            Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        using (var another = await TokenAsync(ingress, guesser, "agency-sj", "sj-demo-secret"))
            Assert.Equal(HttpStatusCode.OK, another.StatusCode);
    }

    static Task<HttpResponseMessage> TokenAsync(HttpClient client, string forwardedFor, string clientId, string secret)
    {
        var request = Request(HttpMethod.Post, "/connect/token", forwardedFor);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        });
        return client.SendAsync(request);
    }

    static void AssertRefusal(HttpResponseMessage refused)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {refused.Headers.RetryAfter}");
    }

    /// <summary>Calls until one is refused with 429; every call before it must be answered
    /// <paramref name="expected"/> (404 for an unknown verification code).</summary>
    static async Task<(int Passed, HttpResponseMessage Refused)> UntilRefusedAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected = HttpStatusCode.NotFound)
    {
        for (var passed = 0; passed < 100; passed++)
        {
            var response = await call();
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return (passed, response);
            Assert.Equal(expected, response.StatusCode);
            response.Dispose();
        }
        throw new Xunit.Sdk.XunitException("100 calls passed without a 429: the limit does not hold.");
    }
}
