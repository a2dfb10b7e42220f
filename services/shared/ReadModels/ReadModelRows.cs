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

    /// <summary>Makes <paramref name="latest"/> the row of <paramref name="key"/>, for events that each
    /// tell a whole row: added when the service has not heard of the key, otherwise the stored row takes
    /// all of its values.</summary>
    public static Task KeepAsync<T>(this DbSet<T> rows, object key, T latest, CancellationToken ct) where T : class =>
        rows.KeepAsync(key, latest, _ => true, ct);

    /// <summary>As <see cref="KeepAsync{T}(DbSet{T}, object, T, CancellationToken)"/>, but the stored row
    /// is left as it is unless <paramref name="heldIsOlder"/>: news arriving out of order never brings
    /// back older data.</summary>
    public static async Task KeepAsync<T>(this DbSet<T> rows, object key, T latest, Func<T, bool> heldIsOlder, CancellationToken ct) where T : class
    {
        var held = await rows.FindAsync([key], ct);
        if (held is null) rows.Add(latest);
        else if (heldIsOlder(held)) rows.Entry(held).CurrentValues.SetValues(latest);
    }
}
