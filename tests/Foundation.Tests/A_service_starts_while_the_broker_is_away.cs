using System.Collections.Concurrent;
using System.Net;
using MassTransit;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>A service starts and serves while its broker is down (a first deploy where the broker comes
/// last, a broker restart during a rollout): it is ready, answers writes and holds their events in its
/// outbox; when the broker comes, it connects and every held event is delivered once.</summary>
public sealed class A_service_starts_while_the_broker_is_away : IAsyncLifetime
{
    PrivateRabbitMq _broker = null!;
    string _database = "";
    ServiceFactory<Planning.Api.Data.PlanningDb>? _planning;
    readonly ConcurrentDictionary<string, int> _seen = new();
    const string WatchQueue = "broker-away-watch";

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        // A node of its own: stopping the shared one would break every other test.
        _broker = await PrivateRabbitMq.StartAsync(infra.Folder("broker-away", Guid.NewGuid().ToString("N")[..8]));
        _database = await infra.Postgres.CreateDatabaseAsync("planning");
        // A durable queue bound to the event before the outage, as another service's queue would be.
        var watcher = await TestBroker.StartAsync(_broker.Uri, cfg => cfg.ReceiveEndpoint(WatchQueue, e => e.Handler<EnterpriseRegistered>(_ => Task.CompletedTask)));
        await watcher.StopAsync();
        await _broker.StopAsync();
    }

    public async Task DisposeAsync()
    {
        if (_planning is not null) await _planning.DisposeAsync();
        await _broker.StopAsync();
    }

    [Fact]
    public async Task Given_the_broker_is_down_When_a_service_starts_Then_it_serves_and_delivers_its_events_once_the_broker_comes()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        _planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", _database, _broker.Uri), waitForBroker: false);
        using var client = _planning.CreateClient();

        using (var ready = await client.GetAsync("/health/ready"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var code = Demo.NewCreditCode();
        using (var registered = await Demo.RegisterAsync(client, code))
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(1, await Sql.CountAsync(_database, "outbox_messages", "sent_at IS NULL AND body->>'creditCode' = $1", code));

        // Away longer than MassTransit's own patience for a starting bus (60 s, after which a start that
        // is still waiting gives up and stops the bus for good): the service must still connect after it.
        await Eventually.Until(() => Task.FromResult(started.Elapsed), t => t > TimeSpan.FromSeconds(75), "the broker has been away past a bus start's patience",
            TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        using (var ready = await client.GetAsync("/health/ready"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await _broker.StartAgainAsync();
        await Eventually.Until(() => Sql.CountAsync(_database, "outbox_messages", "sent_at IS NULL"), n => n == 0, "the held events are published once the broker is back", TimeSpan.FromMinutes(3));
        var watcher = await TestBroker.StartAsync(_broker.Uri, cfg => cfg.ReceiveEndpoint(WatchQueue, e => e.Handler<EnterpriseRegistered>(context =>
        {
            _seen.AddOrUpdate(context.Message.CreditCode, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        })));
        try
        {
            await Eventually.Until(() => Task.FromResult(_seen.GetValueOrDefault(code)), n => n >= 1, "the event reaches the queue that was bound before the outage");
            await Eventually.Until(async () => (await _broker.QueuedAsync(_broker.Uri)).GetValueOrDefault(WatchQueue), n => n == 0, "the watch queue is drained");
            Assert.Equal(1, _seen[code]);
        }
        finally
        {
            await watcher.StopAsync();
        }
        using (var ready = await client.GetAsync("/health/ready"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
