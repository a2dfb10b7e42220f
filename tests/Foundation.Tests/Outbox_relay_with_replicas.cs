using System.Collections.Concurrent;
using System.Net;
using MassTransit;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>Two replicas of a service share one database and one outbox: every event is published,
/// and none twice, because the relays claim rows with FOR UPDATE SKIP LOCKED.</summary>
public sealed class Outbox_relay_with_replicas : IAsyncLifetime
{
    const int Registrations = 120;
    string _database = "";
    ServiceProcess[] _replicas = [];
    IBusControl _observer = null!;
    readonly ConcurrentQueue<string> _seen = new();
    PrivateRabbitMq _rabbitMq = null!;
    string _broker = "";

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbitMq = infra.RabbitMq;
        var broker = _broker = await infra.RabbitMq.CreateVirtualHostAsync("replicas");
        _database = await infra.Postgres.CreateDatabaseAsync("planning");
        _observer = await TestBroker.StartAsync(broker, cfg => cfg.ReceiveEndpoint("observer", e =>
            e.Handler<EnterpriseRegistered>(ctx =>
            {
                _seen.Enqueue(ctx.Message.CreditCode);
                return Task.CompletedTask;
            })));
        var settings = ServiceSettings.For("planning", _database, broker);
        // One after the other: both would otherwise race to create the schema.
        var first = await ServiceProcess.StartAsync("Planning.Api", settings, infra);
        _replicas = [first, await ServiceProcess.StartAsync("Planning.Api", settings, infra)];
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        await _observer.StopAsync();
    }

    [Fact]
    public async Task Given_two_replicas_relaying_one_outbox_When_both_take_registrations_Then_every_event_is_published_exactly_once()
    {
        var codes = Enumerable.Range(0, Registrations).Select(_ => Demo.NewCreditCode()).ToList();
        var clients = _replicas.Select(r => r.CreateClient()).ToArray();

        await Parallel.ForEachAsync(codes.Select((code, i) => (code, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            using var response = await Demo.RegisterAsync(clients[item.i % clients.Length], item.code);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });

        await Eventually.Until(() => Task.FromResult(_seen.Distinct().Count()), n => n == Registrations, "every event arrived");
        await Eventually.Until(() => Sql.CountAsync(_database, "outbox_messages", "sent_at IS NULL"), n => n == 0, "the outbox is drained");
        // A second publication of a row would have been confirmed before the row was marked sent: once the
        // broker's queues are all handled, the observer has seen it.
        await _rabbitMq.DeliveredAsync(_broker);
        Assert.Equal(Registrations, _seen.Count);
        Assert.Equal(codes.Order(), _seen.Order());
    }
}
