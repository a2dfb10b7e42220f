using System.Collections.Concurrent;
using System.Net;
using Xunit;

namespace Faults.Tests;

/// <summary>One service's PostgreSQL stops in the middle of 1,000 filings and comes back: the service
/// says it is not ready while its database is away (Kubernetes stops sending it traffic) and ready
/// again after. Filing's: agencies' filings sent again meanwhile are made once. Supervision's: the
/// events it could not store wait (retries) and are handled once it is back. Every effect happens once.</summary>
[Collection("faults")]
public sealed class Database_restarted_mid_stream(FaultPlatform platform)
{
    [Theory]
    [InlineData("filing")]
    [InlineData("supervision")]
    public async Task Given_a_stream_of_filings_When_a_services_database_stops_and_starts_again_Then_readiness_follows_and_every_effect_happens_exactly_once(string service)
    {
        var check = new ExactlyOnce(platform);
        var before = await check.TakeAsync();
        var readiness = new ConcurrentQueue<(string Phase, HttpStatusCode? Status)>();
        using var probe = platform.Services[service].CreateClient();
        probe.Timeout = TimeSpan.FromSeconds(5);
        async Task<HttpStatusCode?> ReadyAsync()
        {
            try { using var r = await probe.GetAsync("/health/ready"); return r.StatusCode; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { return null; }
        }

        var outcome = await new FilingStream(platform).RunAsync($"database-{service}", p => p.Filed >= FilingStream.Count / 3, async _ =>
        {
            await platform.Clusters[service].StopAsync();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                var status = await ReadyAsync();
                readiness.Enqueue(("down", status));
                if (status == HttpStatusCode.ServiceUnavailable) break;
                await Task.Delay(200);
            }
            // Down a few seconds more, so work piles up against it.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await platform.Clusters[service].StartAgainAsync();
            deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var status = await ReadyAsync();
                readiness.Enqueue(("up", status));
                if (status == HttpStatusCode.OK) break;
                await Task.Delay(200);
            }
        });

        Assert.Contains(("down", (HttpStatusCode?)HttpStatusCode.ServiceUnavailable), readiness);
        Assert.Equal(("up", (HttpStatusCode?)HttpStatusCode.OK), readiness.Last());
        if (service == "filing") Assert.True(outcome.Resent > 0, "agencies had to send again while the database was away");
        await check.AssertAsync(outcome, before);
    }
}
