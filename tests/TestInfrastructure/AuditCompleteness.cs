using Xunit;

namespace TestInfrastructure;

/// <summary>留痕, checked on whatever a test did: every row of a service's business tables was last
/// written by a transaction that also wrote an audit entry (same PostgreSQL transaction id, xmin).
/// A write that bypassed the trail — a raw SQL update, a context without the interceptor — shows
/// up as a row whose transaction left no entry.</summary>
public static class AuditCompleteness
{
    /// <summary>Machinery, not business data: the relay marks outbox rows sent in its own transaction;
    /// the inbox and the trail itself; the migrations' history.</summary>
    static readonly string[] Machinery = ["audit_entries", "inbox_messages", "outbox_messages", "__EFMigrationsHistory"];

    /// <summary>Tables with rows written outside any audited transaction, and how many.</summary>
    static async Task<Dictionary<string, long>> UntracedRowsAsync(string connectionString, long? sinceTransaction)
    {
        // After a restore every row was last written by the restore itself: only what came after counts.
        var since = sinceTransaction is { } xid ? $" AND age(t.xmin) < age('{xid % (1L << 32)}'::xid)" : "";
        var tables = (await Sql.ScalarAsync<string>(connectionString,
            "SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).Split(',');
        var untraced = new Dictionary<string, long>();
        foreach (var table in tables.Except(Machinery))
        {
            var count = await Sql.CountAsync(connectionString, $"\"{table}\" t", "NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.xmin = t.xmin)" + since);
            if (count > 0) untraced[table] = count;
        }
        return untraced;
    }

    /// <summary>Fails naming the tables (and how many rows) written without a trail; with
    /// <paramref name="sinceTransaction"/> (a <c>txid_current()</c>), only rows written after it.</summary>
    public static async Task AssertTracedAsync(string service, string connectionString, long? sinceTransaction = null)
    {
        var untraced = await UntracedRowsAsync(connectionString, sinceTransaction);
        Assert.True(untraced.Count == 0, $"{service}: rows without a trail: {string.Join(", ", untraced.Select(u => $"{u.Key} {u.Value}"))}");
    }
}
