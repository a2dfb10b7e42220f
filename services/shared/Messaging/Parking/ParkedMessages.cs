using System.Globalization;
using System.Text.Json;
using ServiceDefaults;

namespace Messaging;

/// <summary>The parked messages of the service's own database: what the consume pipeline parks and
/// releases, and what an operator lists, replays and discards.</summary>
public sealed class ParkedMessages(DbContext db, TimeProvider clock, IOptions<ParkingOptions> options, ParkingSignal signal)
{
    /// <summary>The header a redelivery carries: the consume that handles it releases the row.</summary>
    public const string RedeliveryHeader = "Parked-Attempts";

    internal DbContext Db => db;

    /// <summary>Parks <paramref name="message"/> for <paramref name="queue"/>'s consumer, or counts one more
    /// failure on its row, and answers how many failures the row has. One statement: replicas parking the
    /// same message at once serialize on the row.</summary>
    public async Task<int> ParkAsync(Guid messageId, string queue, Type type, object message, Exception error, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var typeName = $"{type.FullName}, {type.Assembly.GetName().Name}";
        var body = JsonSerializer.Serialize(message, type, MessageJson.Options);
        var why = Why(error);
        var (first, max) = (settings.FirstDelay.TotalSeconds, settings.MaxDelay.TotalSeconds);
        var attempts = await db.Database.SqlQuery<int>($"""
            INSERT INTO parked_messages (message_id, queue, message_type, body, error, attempts, parked_at, last_failed_at, next_attempt_at, dead_at)
            VALUES ({messageId}, {queue}, {typeName}, CAST({body} AS jsonb), {why}, 1, {now}, {now}, {now + settings.Backoff(1)},
                    CASE WHEN 1 >= {settings.MaxAttempts} THEN {now} END)
            ON CONFLICT (message_id, queue) DO UPDATE SET
                error = EXCLUDED.error,
                last_failed_at = EXCLUDED.last_failed_at,
                attempts = parked_messages.attempts + 1,
                next_attempt_at = EXCLUDED.last_failed_at + LEAST({first} * power(2::float8, LEAST(parked_messages.attempts, 30)), {max}) * interval '1 second',
                dead_at = CASE WHEN parked_messages.attempts + 1 >= {settings.MaxAttempts} THEN EXCLUDED.last_failed_at END
            RETURNING attempts AS "Value"
            """).ToListAsync(ct);
        MessagingMetrics.RecordParking(queue, attempts[0] >= settings.MaxAttempts);
        return attempts[0];
    }

    /// <summary>The redelivered message was handled: its row goes.</summary>
    public Task ReleaseAsync(Guid messageId, string queue, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"DELETE FROM parked_messages WHERE message_id = {messageId} AND queue = {queue}", ct);

    /// <summary>A page of parked (or dead) messages, oldest first, without their bodies.</summary>
    public async Task<Page<ParkedView>> ListAsync(ParkedState? state, long after, int limit, CancellationToken ct)
    {
        var query = db.Set<ParkedMessage>().AsNoTracking().Where(m => m.Id > after);
        if (state == ParkedState.Parked) query = query.Where(m => m.DeadAt == null);
        if (state == ParkedState.Dead) query = query.Where(m => m.DeadAt != null);
        var rows = await query.OrderBy(m => m.Id).Take(limit + 1).ToListAsync(ct);
        var items = rows.Take(limit).Select(ParkedView.From).ToList();
        return new Page<ParkedView>(items, rows.Count > limit ? items[^1].Id.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Makes the message due now, alive again if it was dead (one more failure kills it again
    /// when it had used its attempts), and wakes the redelivery. False when there is no such row.</summary>
    public async Task<ParkedView?> ReplayAsync(long id, CancellationToken ct)
    {
        var row = await db.Set<ParkedMessage>().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is null) return null;
        row.DeadAt = null;
        row.NextAttemptAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return ParkedView.From(row);
    }

    /// <summary>Drops the message for good. False when there is no such row.</summary>
    public async Task<bool> DiscardAsync(long id, CancellationToken ct)
    {
        var row = await db.Set<ParkedMessage>().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (row is null) return false;
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>What an operator reads of a failure: each exception's type and message down to the cause
    /// (a database's error detail, which may quote values, is not in its message), cut to the column.</summary>
    static string Why(Exception error)
    {
        var causes = new List<string>();
        for (var e = error; e is not null && causes.Count < 5; e = e.InnerException) causes.Add($"{e.GetType().Name}: {e.Message}");
        var text = string.Join(" <- ", causes);
        return text.Length > 2000 ? text[..2000] : text;
    }
}

public enum ParkedState { Parked, Dead }

/// <summary>A parked message as an operator sees it: why, where and how often, never its body.</summary>
public sealed record ParkedView(long Id, Guid MessageId, string Consumer, string MessageType, string Error, int Attempts,
    DateTimeOffset ParkedAt, DateTimeOffset LastFailedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeadAt, ParkedState State)
{
    public static ParkedView From(ParkedMessage m) => new(m.Id, m.MessageId, m.Queue, m.MessageType.Split(',')[0], m.Error, m.Attempts,
        m.ParkedAt, m.LastFailedAt, m.DeadAt is null ? m.NextAttemptAt : null, m.DeadAt, m.DeadAt is null ? ParkedState.Parked : ParkedState.Dead);
}

/// <summary>One page of a list; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
