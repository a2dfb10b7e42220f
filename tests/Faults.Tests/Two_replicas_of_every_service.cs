using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>Two replicas of every service on the same database and queues, as Kubernetes runs them:
/// agencies' filings spread over both filing replicas, both replicas of each consumer compete for its
/// queue, both relays drain one outbox, and both replicas sweep for late written filings at once.
/// Nothing is processed twice and every sweep alert is raised once.</summary>
[Collection("faults")]
public sealed class Two_replicas_of_every_service(FaultPlatform platform) : IAsyncLifetime
{
    const int LateEmergencies = 12;
    readonly List<ServiceProcess> _replicas = [];

    public async Task InitializeAsync()
    {
        foreach (var service in FaultPlatform.ServiceNames) _replicas.Add(await platform.StartReplicaAsync(service));
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
    }

    [Fact]
    public async Task Given_two_replicas_of_every_service_When_filings_stream_and_both_sweep_Then_nothing_is_processed_twice_and_each_alert_is_raised_once()
    {
        var check = new ExactlyOnce(platform);
        var before = await check.TakeAsync();
        var alertsHandled = await Sql.CountAsync(platform.Databases["supervision"], "inbox_messages", "consumer = 'BackfillOverdueConsumer'");
        var filing = new[] { platform.Services["filing"], _replicas[0] };
        var late = await LateEmergenciesAsync(filing);

        // Mid-stream, both filing replicas sweep at once, several times over (their timers sweep too).
        var outcome = await new FilingStream(platform).RunAsync("replicas", p => p.Filed >= FilingStream.Count / 2, async _ =>
        {
            var sweeps = Enumerable.Range(0, 6).Select(async i =>
            {
                using var client = filing[i % 2].CreateClient();
                using var response = await client.PostAsync("/sweeps/backfill-overdue", null);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            });
            await Task.WhenAll(sweeps);
        }, filing.Select(f => f.BaseAddress).ToList());

        await check.AssertAsync(outcome, before);
        Assert.Equal(LateEmergencies, await Sql.CountAsync(platform.Databases["filing"], "outbox_messages",
            "message_type LIKE 'Filing.Contracts.BackfillOverdue,%' AND body->>'provisionalNo' = ANY($1)", late));
        await Eventually.Until(() => Sql.CountAsync(platform.Databases["supervision"], "cards", "source = 'BackfillOverdue' AND source_reference = ANY($1)", late),
            n => n == LateEmergencies, "each late written filing opened a case");
        // An alert raised twice would be queued or unacknowledged still: once every queue is handled, it has shown.
        await platform.Broker.DeliveredAsync(platform.Broker.Uri);
        Assert.Equal(LateEmergencies, await Sql.CountAsync(platform.Databases["supervision"], "cases", "card_id IN (SELECT id FROM cards WHERE source_reference = ANY($1))", late));
        Assert.Equal(LateEmergencies, await Sql.CountAsync(platform.Databases["supervision"], "inbox_messages", "consumer = 'BackfillOverdueConsumer'")
            - alertsHandled);
    }

    /// <summary>Emergencies pre-filed and ended, whose written filing is then past its deadline (the
    /// deadline is moved back in the database: the clock of processes cannot be moved).</summary>
    async Task<string[]> LateEmergenciesAsync(ServiceProcess[] filing)
    {
        var numbers = new List<string>();
        for (var i = 0; i < LateEmergencies; i++)
        {
            using var client = filing[i % 2].CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Agency("YJ"));
            var approved = DateTimeOffset.UtcNow.AddHours(-3);
            using var preFiled = await client.PostAsJsonAsync("/api/filing/emergency", new
            {
                creditCode = platform.Enterprises[i % platform.Enterprises.Length], reason = "危化品泄漏紧急处置", approvedBy = "张副局长", approvedAt = approved, expectedEndAt = approved.AddHours(2),
            });
            Assert.Equal(HttpStatusCode.Created, preFiled.StatusCode);
            var no = (await preFiled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provisionalNo").GetString()!;
            using var ended = await client.PostAsJsonAsync($"/api/filing/emergency/{no}/end", new { endedAt = approved.AddHours(2) });
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            numbers.Add(no);
        }
        await Sql.ScalarAsync<int>(platform.Databases["filing"], "UPDATE emergency_pre_filings SET backfill_deadline = DATE '2026-01-05' WHERE provisional_no = ANY($1)", (object)numbers.ToArray());
        return [.. numbers];
    }
}
