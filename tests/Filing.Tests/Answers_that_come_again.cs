using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>What an agency's system or a phone sends again gets an answer it can act on: a filing sent
/// again with its Idempotency-Key after the planned start (its first answer was lost) gets the filing made
/// the first time, not a refusal of a window now in the past; a verification refused for its rate says
/// when to come back.</summary>
public sealed class Answers_that_come_again(FilingHost host) : IClassFixture<FilingHost>
{
    Task<HttpResponseMessage> FileAsync(object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/filing/filings") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Agency("YJ"));
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return host.Client.SendAsync(request);
    }

    [Fact]
    public async Task Given_a_filing_whose_answer_was_lost_When_it_is_sent_again_with_its_key_after_the_planned_start_Then_the_original_filing_is_answered()
    {
        var key = Guid.NewGuid().ToString();
        var filing = FilingHost.Filing(start: "2026-12-09T09:00:00+08:00", end: "2026-12-09T12:00:00+08:00");
        using var first = await FileAsync(filing, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var filingNo = (await first.JsonAsync()).GetProperty("filingNo").GetString();

        // The agency's system retries only after the inspection has begun.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 9, 10, 0, 0, TimeSpan.FromHours(8)));
        using var again = await FileAsync(filing, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(filingNo, (await again.JsonAsync()).GetProperty("filingNo").GetString());
        Assert.Equal(1, await Sql.CountAsync(host.Database, "filings", "request_key = $1", key));

        // A new filing for a window already begun is still refused: only the key's own filing is answered.
        using var late = await FileAsync(filing, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }

    [Fact]
    public async Task Given_verifications_beyond_the_rate_When_one_is_refused_Then_the_429_says_when_to_come_back()
    {
        var infra = await SharedInfrastructure.GetAsync();
        await using var filing = new ServiceFactory<Filing.Api.Data.FilingDb>(ServiceSettings.For("filing", await infra.Postgres.CreateDatabaseAsync("filing"),
            await infra.RabbitMq.CreateVirtualHostAsync("limit"), new Dictionary<string, string> { ["Filing:VerificationsPerMinute"] = "2" }));
        using var client = filing.CreateClient();

        // Two are allowed a minute; a third within the window is refused (a window that turns over while
        // this runs only lets a few more through).
        var refused = await Eventually.Until(async () =>
        {
            var response = await client.GetAsync("/api/filing/verify/ABCD-EFGH-JKLM");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return response;
            response.Dispose();
            return null;
        }, r => r is not null, "a verification is refused for its rate", every: TimeSpan.Zero);
        using (refused)
        {
            var retryAfter = refused!.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }
}
