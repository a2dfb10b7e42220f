using System.Collections.Concurrent;
using System.Net;
using MassTransit;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>The process dies after the business change and its outbox row committed, before the
/// relay published: after a restart the event is delivered, once.</summary>
public sealed class Outbox_survives_a_crash : IAsyncLifetime
{
    SharedInfrastructure _infra = null!;
    string _broker = "", _planningDb = "", _filingDb = "";
    ServiceProcess _planning = null!, _filing = null!;
    IBusControl _observer = null!;
    readonly ConcurrentBag<(Guid? MessageId, string CreditCode)> _seen = [];
    const string Registered = "message_type LIKE 'Planning.Contracts.EnterpriseRegistered,%'";

    public async Task InitializeAsync()
    {
        _infra = await SharedInfrastructure.GetAsync();
        _broker = await _infra.RabbitMq.CreateVirtualHostAsync("crash");
        _planningDb = await _infra.Postgres.CreateDatabaseAsync("planning");
        _filingDb = await _infra.Postgres.CreateDatabaseAsync("filing");
        _observer = await TestBroker.StartAsync(_broker, cfg => cfg.ReceiveEndpoint("observer", e =>
            e.Handler<EnterpriseRegistered>(ctx =>
            {
                _seen.Add((ctx.MessageId, ctx.Message.CreditCode));
                return Task.CompletedTask;
            })));
        _planning = await ServiceProcess.StartAsync("Planning.Api",
            ServiceSettings.For("planning", _planningDb, _broker, new Dictionary<string, string> { ["Messaging:Outbox:RelayEnabled"] = "false" }), _infra);
        _filing = await ServiceProcess.StartAsync("Filing.Api", ServiceSettings.For("filing", _filingDb, _broker), _infra);
        // Filing asks for the reference data as it starts; once planning has answered (before the
        // registration), the registration's row is the only one of its kind.
        await Eventually.Until(() => Sql.CountAsync(_planningDb, "inbox_messages", "consumer = 'ReferenceDataRequestedConsumer'"), n => n == 1, "planning answered filing's request");
    }

    public async Task DisposeAsync()
    {
        await _planning.DisposeAsync();
        await _filing.DisposeAsync();
        await _observer.StopAsync();
    }

    [Fact]
    public async Task Given_a_committed_but_unpublished_event_When_the_process_is_killed_and_restarted_Then_it_is_delivered_once()
    {
        var code = Demo.NewCreditCode();
        using (var client = _planning.CreateClient())
        using (var response = await Demo.RegisterAsync(client, code))
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await Sql.CountAsync(_planningDb, "outbox_messages", Registered + " AND sent_at IS NULL"));

        await _planning.KillAsync();
        await _planning.StartAsync(new Dictionary<string, string> { ["Messaging:Outbox:RelayEnabled"] = "true" });

        await Eventually.Until(() => Sql.CountAsync(_filingDb, "enterprises", "credit_code = $1", code), n => n == 1, "filing has the enterprise");
        await Eventually.Until(() => Sql.CountAsync(_planningDb, "outbox_messages", Registered + " AND sent_at IS NOT NULL"), n => n == 1, "the outbox row is marked sent");
        await Eventually.Until(() => Task.FromResult(_seen.Count(s => s.CreditCode == code)), n => n >= 1, "the observer saw the event");
        // A second delivery would have been published before the row was marked sent (the relay marks it once
        // the broker confirmed): once the broker's queues are all handled, it would have shown.
        await _infra.RabbitMq.DeliveredAsync(_broker);
        Assert.Single(_seen, s => s.CreditCode == code);
        Assert.Equal(1, await Sql.CountAsync(_filingDb, "inbox_messages", "consumer = 'EnterpriseRegisteredConsumer'"));
    }
}
