using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ServiceDefaults;

public static class ApiDocument
{
    /// <summary>The service's OpenAPI document. Enums are described as the names they travel as
    /// (<see cref="EnumNames"/> is a converter of ours, which the schema generator cannot look into).</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying.IsEnum)
            {
                schema.Type = underlying == type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                schema.Enum = [.. Enum.GetNames(underlying).Select(n => (JsonNode)JsonValue.Create(n))];
            }
            return Task.CompletedTask;
        }));
}
