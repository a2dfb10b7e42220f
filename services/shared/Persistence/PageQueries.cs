using Microsoft.EntityFrameworkCore;
using ServiceDefaults;

namespace Persistence;

public static class PageQueries
{
    /// <summary>Reads <paramref name="limit"/> + 1 rows of an ordered query, so that whether a page
    /// follows is known without counting; the key of the page's last row is its <c>next</c>.</summary>
    public static async Task<Page<T>> PageAsync<TRow, T>(this IQueryable<TRow> ordered, int limit, Func<TRow, string> key, Func<TRow, T> map, CancellationToken ct)
    {
        var rows = await ordered.Take(limit + 1).ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new Page<T>(page.Select(map).ToList(), rows.Count > limit ? key(page[^1]) : null);
    }
}
