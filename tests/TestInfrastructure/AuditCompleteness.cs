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
    static async Task<Dictionary<string, long>> UntracedRowsAsync(string connectionString)
    {
        var tables = (await Sql.ScalarAsync<string>(connectionString,
            "SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).Split(',');
        var untraced = new Dictionary<string, long>();
        foreach (var table in tables.Except(Machinery))
        {
            var count = await Sql.CountAsync(connectionString, $"\"{table}\" t", "NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.xmin = t.xmin)");
            if (count > 0) untraced[table] = count;
        }
        return untraced;
    }

    /// <summary>Fails naming the tables (and how many rows) written without a trail.</summary>
    public static async Task AssertTracedAsync(string service, string connectionString)
    {
        var untraced = await UntracedRowsAsync(connectionString);
        Assert.True(untraced.Count == 0, $"{service}: rows without a trail: {string.Join(", ", untraced.Select(u => $"{u.Key} {u.Value}"))}");
    }
}
