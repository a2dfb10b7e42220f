using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Persistence;

public static class RowLocks
{
    /// <summary>Locks the row of <typeparamref name="TEntity"/> whose <paramref name="key"/> is
    /// <paramref name="value"/> (<c>SELECT 1 … FOR UPDATE</c>) until the caller's transaction ends, so that
    /// two requests that change the same row at once are applied one after the other: the second reads
    /// what the first committed. Nothing happens when there is no such row (the caller then finds none).
    /// Table and column come from the model, so the lock follows a renamed property.</summary>
    public static async Task LockRowAsync<TEntity, TKey>(this DbContext db, Expression<Func<TEntity, TKey>> key, TKey value, CancellationToken ct)
        where TEntity : class
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in {db.GetType().Name}'s model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var member = key.Body is MemberExpression m ? m.Member.Name : throw new ArgumentException("The key must be a property of the entity.", nameof(key));
        var column = entity.FindProperty(member)?.GetColumnName(table)
            ?? throw new ArgumentException($"{typeof(TEntity).Name}.{member} is not a mapped column.", nameof(key));
        var sql = db.GetService<ISqlGenerationHelper>();
        // Only the model's own names, quoted, go into the statement; the value is a parameter.
        var statement = $"SELECT 1 FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {sql.DelimitIdentifier(column)} = {{0}} FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(statement, [value!], ct);
    }
}
