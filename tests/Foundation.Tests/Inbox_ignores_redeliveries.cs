using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>A message delivered twice (the broker redelivers after a lost ack, or the relay sends
/// again after a crash) changes the consumer's state once.</summary>
public sealed class Inbox_ignores_redeliveries : IAsyncLifetime
{
    string _filingDb = "";
    IBusControl _publisher = null!;
    ServiceFactory<Filing.Api.Data.FilingDb> _filing = null!;
    readonly ConsumeRecorder _recorder = new();

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("inbox");
        _filingDb = await infra.Postgres.CreateDatabaseAsync("filing");
        _filing = new ServiceFactory<Filing.Api.Data.FilingDb>(ServiceSettings.For("filing", _filingDb, broker),
            services => services.AddConsumeObserver(_ => _recorder));
        _filing.CreateClient().Dispose();
        _publisher = await TestBroker.StartAsync(broker);
    }

    public async Task DisposeAsync()
    {
        await _publisher.StopAsync();
        await _filing.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_handled_message_When_the_same_message_id_arrives_again_Then_nothing_changes()
    {
        var code = Demo.NewCreditCode();
        var messageId = NewId.NextGuid();
        var first = new EnterpriseRegistered(code, "第一次投递", "A区", "化工", RiskLevel.High, [], DateTimeOffset.UtcNow);

        await _publisher.Publish(first, ctx => ctx.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(_recorder.Consumed(messageId)), n => n == 1, "the first delivery is consumed");
        // Same id, different content: if the redelivery were applied, the name would change.
        await _publisher.Publish(first with { Name = "重复投递" }, ctx => ctx.MessageId = messageId);
        await Eventually.Until(() => Task.FromResult(_recorder.Consumed(messageId)), n => n == 2, "the redelivery is consumed");

        Assert.Equal("第一次投递", await Sql.ScalarAsync<string>(_filingDb, "SELECT name FROM enterprises WHERE credit_code = $1", code));
        Assert.Equal(1, await Sql.CountAsync(_filingDb, "inbox_messages", "message_id = $1", messageId));
    }

    [Fact]
    public async Task Given_a_change_that_overtook_the_registration_When_the_registration_arrives_Then_the_newer_data_stays()
    {
        var code = Demo.NewCreditCode();
        var change = new EnterpriseChanged(code, 2, "更名后的企业", "B区", "化工", RiskLevel.Low, [], DateTimeOffset.UtcNow);
        var changeId = NewId.NextGuid();
        await _publisher.Publish(change, ctx => ctx.MessageId = changeId);
        await Eventually.Until(() => Task.FromResult(_recorder.Consumed(changeId)), n => n == 1, "the change is consumed");

        var registrationId = NewId.NextGuid();
        await _publisher.Publish(new EnterpriseRegistered(code, "登记时的名称", "A区", "化工", RiskLevel.High, [], DateTimeOffset.UtcNow), ctx => ctx.MessageId = registrationId);
        await Eventually.Until(() => Task.FromResult(_recorder.Consumed(registrationId)), n => n == 1, "the late registration is consumed");

        Assert.Equal("更名后的企业", await Sql.ScalarAsync<string>(_filingDb, "SELECT name FROM enterprises WHERE credit_code = $1", code));
        Assert.Equal(2, await Sql.ScalarAsync<int>(_filingDb, "SELECT revision FROM enterprises WHERE credit_code = $1", code));
    }

    sealed class ConsumeRecorder : IConsumeObserver
    {
        readonly ConcurrentDictionary<Guid, int> _consumed = new();

        public int Consumed(Guid messageId) => _consumed.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id) _consumed.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
