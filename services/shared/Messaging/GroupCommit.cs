using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceDefaults;

namespace Messaging;

/// <summary>The <see cref="IdempotentConsumer{TMessage,TDb}"/> of a hot event stream, with group commit:
/// the messages being consumed at one moment are applied together in one transaction (one inbox insert
/// for all their ids, one commit), so a burst costs one commit per group instead of one per message.
/// Each message is still received, acknowledged and retried on its own by the bus — only the database
/// work is shared — so a broken connection or a failing message affects nobody else's delivery: a group
/// that fails is applied again one message at a time, and only the failing message fails its consume.
/// A lone message waits for nobody: a group is whatever arrived while the previous group committed.
/// The bus builds this consumer for every message, so it holds nothing but the way to its group; the
/// database work is its <see cref="GroupApplier{TMessage}"/>'s, built once per group.</summary>
public abstract class GroupCommitConsumer<TMessage>(GroupCommit<TMessage> commit) : IConsumer<TMessage> where TMessage : class
{
    public Task Consume(ConsumeContext<TMessage> context)
    {
        Received(context.Message);
        return commit.ApplyAsync(context);
    }

    /// <summary>On receipt, in the message's own consume (its span is current): tag it for the traces.</summary>
    protected virtual void Received(TMessage message) { }
}

/// <summary>Applies a group of messages to a service's data: built from a scope of its own for each group
/// (its context and what it loaded serve that group only); the group commit saves and commits.</summary>
public abstract class GroupApplier<TMessage>(DbContext db) where TMessage : class
{
    protected internal DbContext Context => db;

    /// <summary>Load at once what the group's new messages will look up one by one.</summary>
    protected internal virtual Task PrepareAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Apply one message to the tracked entities (the group shares one context: an earlier
    /// message of the group may have added what this one looks up).</summary>
    protected internal abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}

/// <summary>Where a <see cref="GroupCommitConsumer{TMessage}"/> hands its message: answered once the
/// message's group has committed (or failed).</summary>
public abstract class GroupCommit<TMessage> where TMessage : class
{
    public abstract Task ApplyAsync(ConsumeContext<TMessage> context);
}

public static class GroupCommit
{
    /// <summary>Messages applied in one transaction at most.</summary>
    public const int Limit = 100;

    /// <summary>Registers a group-commit consumer, its applier and writer, and its endpoint with two
    /// groups' worth of messages in flight, so the next group gathers while one commits. The inbox knows
    /// the messages by the consumer's name.</summary>
    public static void AddGroupCommitConsumer<TConsumer, TApplier, TMessage>(this IBusRegistrationConfigurator bus)
        where TConsumer : GroupCommitConsumer<TMessage>
        where TApplier : GroupApplier<TMessage>
        where TMessage : class
    {
        bus.TryAddScoped<TApplier>();
        bus.TryAddSingleton<GroupCommit<TMessage>>(services => ActivatorUtilities.CreateInstance<GroupCommitWriter<TApplier, TMessage>>(services, typeof(TConsumer).Name));
        bus.AddConsumer<TConsumer>().Endpoint(e => e.PrefetchCount = e.ConcurrentMessageLimit = 2 * Limit);
    }
}

/// <summary>The one writer of a <see cref="GroupCommitConsumer{TMessage}"/>'s groups (a singleton per
/// consumer): it takes what is waiting, up to <see cref="GroupCommit.Limit"/>, applies it with an applier
/// from a scope of its own, and answers each waiting consume.</summary>
sealed class GroupCommitWriter<TApplier, TMessage> : GroupCommit<TMessage>, IAsyncDisposable
    where TApplier : GroupApplier<TMessage>
    where TMessage : class
{
    const int Limit = GroupCommit.Limit;

    sealed record Waiting(Guid MessageId, TMessage Message, DateTime? SentTime, ActivityContext Consume)
    {
        public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>(new() { SingleReader = true });
    readonly CancellationTokenSource _stopping = new();
    readonly string _name;
    readonly IServiceScopeFactory _scopes;
    readonly TimeProvider _clock;
    readonly ILogger _logger;
    readonly Task _writer;

    public GroupCommitWriter(string name, IServiceScopeFactory scopes, TimeProvider clock, ILogger<GroupCommitWriter<TApplier, TMessage>> logger)
    {
        (_name, _scopes, _clock, _logger) = (name, scopes, clock, logger);
        // The writer belongs to no consume: it must not inherit the first one's span or scope.
        using (ExecutionContext.SuppressFlow()) _writer = Task.Run(WriteAsync);
    }

    public override async Task ApplyAsync(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without an id cannot be deduplicated.");
        var waiting = new Waiting(messageId, context.Message, context.SentTime, Activity.Current?.Context ?? default);
        if (!_waiting.Writer.TryWrite(waiting)) throw new OperationCanceledException("The service is stopping.");
        await waiting.Applied.Task.WaitAsync(context.CancellationToken);
    }

    async Task WriteAsync()
    {
        var reader = _waiting.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                var group = new List<Waiting>(Limit);
                while (group.Count < Limit && reader.TryRead(out var next)) group.Add(next);
                try
                {
                    await ApplyAsync(group, _stopping.Token);
                    foreach (var w in group) w.Applied.TrySetResult();
                }
                catch (Exception e) when (group.Count > 1 && !_stopping.IsCancellationRequested)
                {
                    // One message may be the cause (or a race with another consumer): each alone, so only it fails.
                    _logger.LogInformation(e, "A group of {Count} messages of {Consumer} failed; applying them one by one", group.Count, _name);
                    foreach (var w in group)
                    {
                        try { await ApplyAsync([w], _stopping.Token); w.Applied.TrySetResult(); }
                        catch (Exception alone) { w.Applied.TrySetException(alone); }
                    }
                }
                catch (Exception e)
                {
                    foreach (var w in group) w.Applied.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
        while (reader.TryRead(out var left)) left.Applied.TrySetCanceled();   // redelivered by the broker
    }

    async Task ApplyAsync(IReadOnlyList<Waiting> group, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var applier = scope.ServiceProvider.GetRequiredService<TApplier>();
        var db = applier.Context;
        // Under the first message's consume, linked to all: a group's database work in their traces.
        using var span = Telemetry.Source.StartActivity($"{_name} group", ActivityKind.Internal, group[0].Consume,
            links: group.Skip(1).Select(w => new ActivityLink(w.Consume)));
        span?.SetTag("messaging.batch.message_count", group.Count);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await Inbox.ClaimAsync(db, _name, [.. group.Select(w => w.MessageId).Distinct().Order()], _clock.GetUtcNow(), ct);
        // A message twice in one group (a redelivery beside its first delivery) is applied once.
        var fresh = group.Where(w => claimed.Remove(w.MessageId)).ToList();
        if (fresh.Count < group.Count)
            _logger.LogInformation("{Count} messages were already handled by {Consumer}; ignoring the redeliveries", group.Count - fresh.Count, _name);
        using var origin = Persistence.AuditScope.Consuming(typeof(TMessage).Name, fresh.Select(w => w.MessageId));
        await applier.PrepareAsync([.. fresh.Select(w => w.Message)], ct);
        foreach (var w in fresh) await applier.HandleAsync(w.Message, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        MessagingMetrics.RecordGroupSize(_name, group.Count);
        var now = DateTime.UtcNow;
        foreach (var w in group) MessagingMetrics.RecordLag(_name, w.SentTime, now);
    }

    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _writer;
        _stopping.Dispose();
    }
}
