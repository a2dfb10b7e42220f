using Microsoft.EntityFrameworkCore;

namespace ReadModels;

/// <summary>How a service keeps rows from another service's events. The events of one key arrive in
/// any order, and any of them may be the first the service hears of the key: the row is looked up by
/// its key and added when missing, never assumed to exist.</summary>
public static class ReadModelRows
{
    /// <summary>The tracked row of <paramref name="key"/>, added as <paramref name="create"/> makes it
    /// when the service has not heard of the key yet: for events that each tell part of a row.</summary>
    public static async Task<T> FindOrAddAsync<T>(this DbSet<T> rows, object key, Func<T> create, CancellationToken ct) where T : class
    {
        var row = await rows.FindAsync([key], ct);
        if (row is null) rows.Add(row = create());
        return row;
    }
}
