using Persistence;
namespace Messaging;

/// <summary>A consumer whose effect and the record of the handled message id commit together, so a
/// redelivered message is a no-op. Two replicas handling the same message at once serialize on the
/// inbox row: the second waits for the first and then finds the id taken.</summary>
public abstract class IdempotentConsumer<TMessage, TDb>(TDb db, TimeProvider clock, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TDb : DbContext
{
    protected TDb Db => db;
    protected TimeProvider Clock => clock;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without an id cannot be deduplicated.");
        var consumer = GetType().Name;
        var ct = context.CancellationToken;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if ((await Inbox.ClaimAsync(db, consumer, [messageId], clock.GetUtcNow(), ct)).Count == 0)
        {
            logger.LogInformation("Message {MessageId} was already handled by {Consumer}; ignoring the redelivery", messageId, consumer);
            return;
        }

        using var origin = AuditScope.Consuming(typeof(TMessage).Name, [messageId]);
        await Handle(context.Message, context, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        MessagingMetrics.RecordLag(consumer, context.SentTime, DateTime.UtcNow);
    }

    /// <summary>Apply the message to the tracked entities (and stage any follow-up events with
    /// <see cref="MessagingModel.EnqueueEvent"/>); the base class saves and commits.</summary>
    protected abstract Task Handle(TMessage message, ConsumeContext<TMessage> context, CancellationToken cancellationToken);
}
