using System.Collections.Concurrent;
using System.Net;
using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>One service's PostgreSQL stops in the middle of 1,000 filings and comes back: the service
/// says it is not ready while its database is away (Kubernetes stops sending it traffic) and ready
/// again after. Filing's: agencies' filings sent again meanwhile are made once. Supervision's and
/// tolerance's: the events they could not store wait (retries) and are handled once they are back. The
/// other services stay ready throughout, and with tolerance's database away the gateway, the console and
/// planning's reads through it answer as ever. Every effect happens once.</summary>
[Collection("faults")]
public sealed class Database_restarted_mid_stream(FaultPlatform platform)
{
    [Theory]
    [InlineData("filing")]
    [InlineData("supervision")]
    [InlineData("tolerance")]
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

        async Task<HttpStatusCode?> PhaseAsync(string phase)
        {
            var status = await ReadyAsync();
            readiness.Enqueue((phase, status));
            return status;
        }

        // The gateway in front, where the console and every agency's reads arrive.
        await using var gateway = service == "tolerance" ? await platform.StartGatewayAsync() : null;
        var others = platform.Services.Where(s => s.Key != service).Select(s => new Uri(s.Value.BaseAddress, "/health/ready")).ToList();
        if (gateway is not null)
            others.AddRange([new Uri(gateway.BaseAddress, "/health/ready"), new Uri(gateway.BaseAddress, "/console/"), new Uri(gateway.BaseAddress, "/api/planning/calendar/2026")]);
        var (watchedRounds, unaffected) = (0, new List<string>());

        var stream = new FilingStream(platform);
        var outcome = await stream.RunAsync($"database-{service}", p => p.Filed >= FilingStream.Count / 3, async _ =>
        {
            var resent = stream.Resent;
            var watch = new AnswerWatch(others);
            await platform.Clusters[service].StopAsync();
            await Eventually.Until(() => PhaseAsync("down"), s => s == HttpStatusCode.ServiceUnavailable, $"{service} says it is not ready", every: TimeSpan.FromMilliseconds(200));
            // Down until work has piled up against it: agencies sending again to filing; events that
            // supervision cannot store waiting in its queue.
            if (service == "filing")
                await Eventually.Until(() => Task.FromResult(stream.Resent), n => n > resent, "agencies send again while filing's database is away");
            else
                await Eventually.Until(async () => (await platform.Broker.QueuedAsync(platform.Broker.Uri)).Values.Sum(), n => n > 0, "events wait for supervision's database");
            await platform.Clusters[service].StartAgainAsync();
            await watch.DisposeAsync();
            (watchedRounds, unaffected) = (watch.Rounds, [.. watch.Failures]);
            await Eventually.Until(() => PhaseAsync("up"), s => s == HttpStatusCode.OK, $"{service} says it is ready again", every: TimeSpan.FromMilliseconds(200));
        });

        Assert.Contains(("down", (HttpStatusCode?)HttpStatusCode.ServiceUnavailable), readiness);
        Assert.Equal(("up", (HttpStatusCode?)HttpStatusCode.OK), readiness.Last());
        Assert.True(watchedRounds > 0, "the other services were asked while the database was away");
        Assert.True(unaffected.Count == 0, $"{unaffected.Count} answers other than 200 elsewhere while {service}'s database was away:\n" + string.Join("\n", unaffected.Take(20)));
        if (service == "filing") Assert.True(outcome.Resent > 0, "agencies had to send again while the database was away");
        await check.AssertAsync(outcome, before);
    }
}
