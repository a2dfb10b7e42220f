using System.Linq.Expressions;
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

    /// <summary>Keyset for a list newest first by <paramref name="at"/>, its key breaking ties: the rows
    /// after the row of <paramref name="query"/> whose key is <paramref name="after"/>, or null when the
    /// query (what the caller may see) has no such row. Order the result by <paramref name="at"/>, then
    /// the key, both descending.</summary>
    public static async Task<IQueryable<TRow>?> AfterAsync<TRow>(this IQueryable<TRow> query, string after,
        Expression<Func<TRow, DateTimeOffset>> at, Expression<Func<TRow, string>> key, CancellationToken ct)
    {
        var row = at.Parameters[0];
        var keyOfRow = new Rebind(key.Parameters[0], row).Visit(key.Body);
        var named = Expression.Lambda<Func<TRow, bool>>(Expression.Equal(keyOfRow, Expression.Constant(after)), row);
        var found = await query.Where(named).Select(at).Take(1).ToListAsync(ct);
        if (found.Count == 0) return null;
        // at < found || (at == found && string.Compare(key, after) < 0)
        var instant = Expression.Constant(found[0]);
        var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, keyOfRow, Expression.Constant(after));
        var later = Expression.OrElse(Expression.LessThan(at.Body, instant),
            Expression.AndAlso(Expression.Equal(at.Body, instant), Expression.LessThan(compare, Expression.Constant(0))));
        return query.Where(Expression.Lambda<Func<TRow, bool>>(later, row));
    }

    sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
