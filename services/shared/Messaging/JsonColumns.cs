using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging;

public static class JsonColumns
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A list of records kept as one jsonb value, compared by its items.</summary>
    public static PropertyBuilder<List<T>> AsJsonList<T>(this PropertyBuilder<List<T>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            s => JsonSerializer.Deserialize<List<T>>(s, Json)!,
            new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
}
