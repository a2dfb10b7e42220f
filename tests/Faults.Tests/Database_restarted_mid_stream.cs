using System.Collections.Concurrent;
using System.Net;
using Xunit;

namespace Faults.Tests;

/// <summary>Filing's PostgreSQL stops in the middle of 1,000 filings and comes back: filing says it
/// is not ready while its database is away (Kubernetes stops sending it traffic) and ready again
/// after; agencies' filings sent again meanwhile are made once; every effect happens once.</summary>
[Collection("faults")]
public sealed class Database_restarted_mid_stream(FaultPlatform platform)
{
    [Fact]
    public async Task Given_a_stream_of_filings_When_filings_database_stops_and_starts_again_Then_readiness_follows_and_every_effect_happens_exactly_once()
    {
        var check = new ExactlyOnce(platform);
        var before = await check.TakeAsync();
        var readiness = new ConcurrentQueue<(string Phase, HttpStatusCode? Status)>();
        using var probe = platform.Services["filing"].CreateClient();
        probe.Timeout = TimeSpan.FromSeconds(5);
        async Task<HttpStatusCode?> ReadyAsync()
        {
            try { using var r = await probe.GetAsync("/health/ready"); return r.StatusCode; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { return null; }
        }

        var outcome = await new FilingStream(platform).RunAsync("database", p => p.Filed >= FilingStream.Count / 3, async _ =>
        {
            await platform.FilingCluster.StopAsync();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                var status = await ReadyAsync();
                readiness.Enqueue(("down", status));
                if (status == HttpStatusCode.ServiceUnavailable) break;
                await Task.Delay(200);
            }
            await platform.FilingCluster.StartAgainAsync();
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
        Assert.True(outcome.Resent > 0, "agencies had to send again while the database was away");
        await check.AssertAsync(outcome, before);
    }
}
