using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Persistence;

/// <summary>One record in an audit entry: its table, key and change, and the fields that changed with
/// their old and new values (an added record: its values; a removed one: the values it had).</summary>
sealed record AuditedChange(string Entity, string Key, string Change, IReadOnlyDictionary<string, AuditedValue> Fields)
{
    /// <summary>Shown instead of a personal value: the trail says the field changed, never to what.</summary>
    public const string Masked = "***";

    /// <summary>A long text (a card's description) is kept to this many characters in the trail.</summary>
    const int LongestText = 1000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static AuditedChange Of(EntityEntry e)
    {
        var fields = new SortedDictionary<string, AuditedValue>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            // A row version the database assigns says nothing an auditor needs.
            if (p.Metadata.IsConcurrencyToken && p.Metadata.ValueGenerated != ValueGenerated.Never) continue;
            // A key the database is about to assign is not known before the save: the record's other fields identify it.
            if (p.IsTemporary) continue;
            var name = p.Metadata.GetColumnName() ?? p.Metadata.Name;
            switch (e.State)
            {
                case EntityState.Added when p.CurrentValue is not null:
                    fields[name] = new AuditedValue(null, Shown(p.Metadata, p.CurrentValue));
                    break;
                case EntityState.Deleted when p.OriginalValue is not null:
                    fields[name] = new AuditedValue(Shown(p.Metadata, p.OriginalValue), null);
                    break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    fields[name] = new AuditedValue(Shown(p.Metadata, p.OriginalValue), Shown(p.Metadata, p.CurrentValue));
                    break;
            }
        }
        return new AuditedChange(
            e.Metadata.GetTableName() ?? e.Metadata.ShortName(),
            string.Join("/", e.Metadata.FindPrimaryKey()?.Properties.Select(p => e.Property(p.Name))
                .Select(p => p.IsTemporary ? "" : p.CurrentValue?.ToString()) ?? []),
            e.State.ToString(),
            fields);
    }

    /// <summary>What a secret is called wherever it is kept (a password's hash, a one-time code's, a client's
    /// secret, a token's payload, a signing key): never written into the trail, whatever the model says.</summary>
    static readonly string[] SecretNames = ["Password", "Secret", "Hash", "Payload", "ReferenceId", "JsonWebKeySet", "Stamp"];

    static bool IsSecret(IProperty property) =>
        property.FindAnnotation(AuditTrailModel.Personal) is not null
        || SecretNames.Any(n => property.Name.Contains(n, StringComparison.OrdinalIgnoreCase));

    static object? Shown(IProperty property, object? value) => value switch
    {
        null => null,
        _ when IsSecret(property) => Masked,
        string { Length: > LongestText } text => string.Concat(text.AsSpan(0, LongestText), "…"),
        _ => value,
    };
}

/// <summary>A field's value before and after the change (either absent when the record was added or removed).</summary>
sealed record AuditedValue(object? Old, object? New);

public static class AuditTrailModel
{
    internal const string Personal = "Persistence:Personal";

    /// <summary>A field that identifies a person the platform protects (a complainant, a rater): the audit
    /// trail records that it changed, never its value.</summary>
    public static PropertyBuilder<T> IsPersonal<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Personal, true);

    internal const string AnonymousAuthor = "Persistence:AnonymousAuthor";

    /// <summary>Records whose author the platform promises not to name (an enterprise's rating of an
    /// inspection): a change that touches one is recorded without who made it or from where.</summary>
    public static EntityTypeBuilder<T> KeepsItsAuthorAnonymous<T>(this EntityTypeBuilder<T> entity) where T : class =>
        entity.HasAnnotation(AnonymousAuthor, true);
}
