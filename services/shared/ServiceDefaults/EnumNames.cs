using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceDefaults;

/// <summary>Enums travel as their names, and only as their names. <c>JsonStringEnumConverter</c> reads
/// through <c>Enum.TryParse</c>, which also takes <c>"Low\n"</c>, <c>" Low"</c> and <c>"Low, High"</c>:
/// an API would store what no client meant. Names are matched ignoring case, nothing else.</summary>
public sealed class EnumNames : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Names<>).MakeGenericType(typeToConvert))!;

    sealed class Names<T> : JsonConverter<T> where T : struct, Enum
    {
        static readonly Dictionary<string, T> ByName = Enum.GetNames<T>().ToDictionary(n => n, Enum.Parse<T>, StringComparer.OrdinalIgnoreCase);
        static readonly string Expected = $"One of {string.Join(", ", Enum.GetNames<T>())}.";

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value)
                ? value
                : throw new JsonException(Expected);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } name && ByName.TryGetValue(name, out var value) ? value : throw new JsonException(Expected);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
    }
}
