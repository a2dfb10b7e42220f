namespace Messaging;

/// <summary>How a consumer claims messages in its inbox, in the transaction of their effect.</summary>
static class Inbox
{
    /// <summary>Records <paramref name="ids"/> as handled by <paramref name="consumer"/> and answers those
    /// that were not recorded yet (the others are redeliveries). A replica claiming the same id at the same
    /// moment waits for this transaction; ids given in one order lock the same keys in the same order.</summary>
    public static async Task<HashSet<Guid>> ClaimAsync(DbContext db, string consumer, Guid[] ids, DateTimeOffset at, CancellationToken ct) =>
        [.. await db.Database.SqlQuery<Guid>($"""
            INSERT INTO inbox_messages (message_id, consumer, handled_at) SELECT id, {consumer}, {at} FROM unnest({ids}) AS id
            ON CONFLICT DO NOTHING RETURNING message_id AS "Value"
            """).ToListAsync(ct)];
}
