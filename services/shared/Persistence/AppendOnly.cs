using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Persistence;

/// <summary>Rows the service writes once and nobody may change or remove afterwards, not even the
/// service itself: the audit trail, and what a model marks (a supervision card, a case's history). The
/// schema's owner grants the service's user reading and adding to them, never updating, deleting or
/// truncating; and since the user owns no table, it can neither disable a trigger nor change a grant.</summary>
public static class AppendOnly
{
    const string Annotation = "Persistence:AppendOnly";

    public static EntityTypeBuilder<T> IsAppendOnly<T>(this EntityTypeBuilder<T> entity) where T : class =>
        entity.HasAnnotation(Annotation, true);

    internal static IReadOnlyList<string> Tables(IModel model) =>
        [.. model.GetEntityTypes()
            .Where(t => t.ClrType == typeof(AuditEntry) || t.FindAnnotation(Annotation) is not null)
            .Select(t => t.GetTableName())
            .OfType<string>()
            .Distinct()
            .Order()];

    internal static async Task GrantAsync(DbContext owner, string user, CancellationToken ct)
    {
        static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
        var grantee = Quoted(user);
        var tables = Tables(owner.Model);
        // Idempotent: run after every migration, so tables a new release adds are granted too.
        var sql = $"""
            GRANT USAGE ON SCHEMA public TO {grantee};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {grantee};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {grantee};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM {grantee};
            {(tables.Count == 0 ? "" : $"REVOKE UPDATE, DELETE, TRUNCATE ON {string.Join(", ", tables.Select(Quoted))} FROM {grantee};")}
            """;
        await owner.Database.ExecuteSqlRawAsync(sql, ct);
    }
}
