using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using ServiceDefaults;

namespace Messaging;

/// <summary>The <see cref="IdempotentConsumer{TMessage,TDb}"/> for a hot event stream: up to
/// <see cref="Options"/>' limit of messages are applied in one transaction, with one inbox insert
/// for all their ids, so a burst costs one commit per batch instead of one per message. What is
/// claimed is handled, what was handled before is skipped; a failure rolls the whole batch back and
/// the endpoint's retry takes it again. Each message keeps a span of its own in its publisher's trace.</summary>
public abstract class IdempotentBatchConsumer<TMessage, TDb>(TDb db, TimeProvider clock, ILogger logger) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TDb : DbContext
{
    static readonly Histogram<double> Lag = MessagingMetrics.Meter.CreateHistogram<double>("consumer.lag", "ms", "Time from a message's publication to its consumption");

    /// <summary>Up to 100 messages a batch, two batches at once; a batch waits at most 20 ms to fill,
    /// so a lone message is not held back noticeably.</summary>
    public static void Options(BatchOptions options) => options.SetMessageLimit(100).SetConcurrencyLimit(2).SetTimeLimit(TimeSpan.FromMilliseconds(20));

    protected TDb Db => db;
    protected TimeProvider Clock => clock;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var consumer = GetType().Name;
        var ct = context.CancellationToken;
        var ids = context.Message
            .Select(m => m.MessageId ?? throw new InvalidOperationException("A message without an id cannot be deduplicated."))
            .Distinct().Order().ToArray(); // one order for every replica's locks on the inbox keys

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await ClaimAsync(tx, ids, consumer, ct);
        var fresh = new HashSet<Guid>(claimed);
        await PrepareAsync(context.Message.Where(m => fresh.Remove(m.MessageId!.Value)).Select(m => m.Message).ToList(), ct);
        foreach (var message in context.Message)
        {
            if (!claimed.Remove(message.MessageId!.Value))
            {
                logger.LogInformation("Message {MessageId} was already handled by {Consumer}; ignoring the redelivery", message.MessageId, consumer);
                continue;
            }
            using var span = Telemetry.Source.StartActivity($"{consumer} handle", ActivityKind.Consumer, ParentOf(message));
            await Handle(message.Message, message, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var now = DateTime.UtcNow;
        foreach (var message in context.Message)
            if (message.SentTime is { } sent)
                Lag.Record(Math.Max(0, (now - sent).TotalMilliseconds), new KeyValuePair<string, object?>("consumer", consumer));
    }

    /// <summary>Records the ids in the inbox and answers those that were not there yet.</summary>
    async Task<HashSet<Guid>> ClaimAsync(IDbContextTransaction tx, Guid[] ids, string consumer, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            "INSERT INTO inbox_messages (message_id, consumer, handled_at) SELECT id, @consumer, @now FROM unnest(@ids) AS id ON CONFLICT DO NOTHING RETURNING message_id",
            connection, (NpgsqlTransaction)tx.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<string>("consumer", consumer));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = clock.GetUtcNow() });
        var claimed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) claimed.Add(reader.GetGuid(0));
        return claimed;
    }

    /// <summary>The publisher's trace context, which MassTransit carries in a header.</summary>
    static ActivityContext ParentOf(ConsumeContext message) =>
        message.Headers.Get<string>("MT-Activity-Id") is { } id && ActivityContext.TryParse(id, null, isRemote: true, out var parent) ? parent : default;

    /// <summary>Load at once what the batch's new messages will look up one by one (tracked entities
    /// that <c>Find</c> then finds without a round trip each).</summary>
    protected virtual Task PrepareAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Apply one message to the tracked entities (the batch shares one context: look up what
    /// an earlier message of the batch may have added with <c>Find</c>, which sees tracked entities);
    /// the base class saves and commits.</summary>
    protected abstract Task Handle(TMessage message, ConsumeContext<TMessage> context, CancellationToken cancellationToken);
}
