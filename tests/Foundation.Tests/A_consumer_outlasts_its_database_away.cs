using System.Diagnostics;
using MassTransit;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>A consumer whose database is away for longer than a minute (a failover, a restart) neither
/// loses the message nor leaves it in an error queue: the message waits, is parked once the database is
/// back, is sent again after its back-off, and is applied once.</summary>
public sealed class A_consumer_outlasts_its_database_away : IAsyncLifetime
{
    PrivatePostgres _postgres = null!;
    PrivateRabbitMq _rabbit = null!;
    string _database = "", _broker = "";
    IBusControl _publisher = null!;
    ServiceFactory<Filing.Api.Data.FilingDb> _filing = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        // A cluster of its own: stopping the shared one would break every other test.
        _postgres = await PrivatePostgres.StartAsync(infra.Folder("parked-postgres", Guid.NewGuid().ToString("N")[..8]));
        _database = await _postgres.CreateDatabaseAsync("filing");
        _rabbit = infra.RabbitMq;
        _broker = await infra.RabbitMq.CreateVirtualHostAsync("away");
        _filing = new ServiceFactory<Filing.Api.Data.FilingDb>(ServiceSettings.For("filing", _database, _broker, new Dictionary<string, string>
        {
            ["Messaging:Parking:FirstDelay"] = "00:00:01",
            ["Messaging:Parking:SweepEvery"] = "00:00:01",
        }));
        _filing.CreateClient().Dispose();
        _publisher = await TestBroker.StartAsync(_broker);
    }

    public async Task DisposeAsync()
    {
        await _publisher.StopAsync();
        await _filing.DisposeAsync();
        await _postgres.StopAsync();
    }

    [Fact]
    public async Task Given_a_consumers_database_is_away_for_over_a_minute_When_it_returns_Then_the_message_is_applied_once_and_none_is_dead_lettered()
    {
        await _postgres.StopAsync();
        var away = Stopwatch.StartNew();
        var code = Demo.NewCreditCode();
        var messageId = NewId.NextGuid();
        await _publisher.Publish(new EnterpriseRegistered(code, "停库期间登记的企业", "A区", "化工", RiskLevel.High, [], DateTimeOffset.UtcNow), ctx => ctx.MessageId = messageId);

        // Away past what the immediate retries used to allow (about 45 s, then the error queue): the message
        // must still be waiting for its consumer, not given up on.
        await Eventually.Until(() => Task.FromResult(away.Elapsed), t => t > TimeSpan.FromSeconds(70), "the database has been away over a minute",
            TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        var queues = await _rabbit.QueuedAsync(_broker);
        Assert.Equal(1, queues.GetValueOrDefault("filing-enterprise-registered"));
        Assert.All(queues.Where(q => q.Key.EndsWith("_error")), q => Assert.Equal(0, q.Value));

        await _postgres.StartAgainAsync();
        await Eventually.Until(() => Sql.ScalarAsync<string?>(_database, "SELECT name FROM enterprises WHERE credit_code = $1", code),
            n => n == "停库期间登记的企业", "the message is applied once the database is back", TimeSpan.FromMinutes(3));
        await Eventually.Until(() => Sql.CountAsync(_database, "parked_messages"), n => n == 0, "nothing is left parked");
        await _rabbit.DeliveredAsync(_broker);
        Assert.Equal(1, await Sql.CountAsync(_database, "inbox_messages", "message_id = $1", messageId));
        Assert.All((await _rabbit.QueuedAsync(_broker)).Where(q => q.Key.EndsWith("_error")), q => Assert.Equal(0, q.Value));
    }
}
