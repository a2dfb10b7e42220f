using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Messaging;

/// <summary>Wakes the relay as soon as a change with events commits, instead of waiting for its
/// next poll. Only a hint: the relay's poll still finds everything the signal misses.</summary>
public sealed class OutboxSignal
{
    readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    long _notifications;

    /// <summary>How many times the relay was woken, for the tests and diagnosis.</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    public void Notify()
    {
        Interlocked.Increment(ref _notifications);
        _channel.Writer.TryWrite(true);
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try { await _channel.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
    }
}

/// <summary>Which contexts wrote outbox rows in their open transaction: only their commit wakes the
/// relay (a consume or a request that changed no event would wake it for nothing).</summary>
sealed class OutboxWrites
{
    readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public void Wrote(DbContext db) => _pending.AddOrUpdate(db, this);

    public bool Take(DbContext? db) => db is not null && _pending.Remove(db);
}

sealed class OutboxSaveChangesInterceptor(OutboxSignal signal, OutboxWrites writes) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    void Note(DbContext? db)
    {
        if (db is not null && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added)) writes.Wrote(db);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Outside an explicit transaction the save committed: wake the relay now if it wrote events.
        if (eventData.Context?.Database.CurrentTransaction is null && writes.Take(eventData.Context)) signal.Notify();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) writes.Take(eventData.Context);
        base.SaveChangesFailed(eventData);
    }
}

sealed class OutboxTransactionInterceptor(OutboxSignal signal, OutboxWrites writes) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (writes.Take(eventData.Context)) signal.Notify();
        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        writes.Take(eventData.Context);
        return base.TransactionRolledBackAsync(transaction, eventData, cancellationToken);
    }
}
