using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceDefaults;

/// <summary>Reads the problem texts an assembly carries in its <c>problems.json</c>: one entry a rule
/// (<c>code</c>, <c>en</c>, <c>zh</c>), comments allowed, so the wording is edited like any message
/// catalogue, apart from the code that answers with it.</summary>
public static class ProblemCatalogue
{
    static readonly JsonSerializerOptions Json = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static IReadOnlyList<ProblemText> Of(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream("problems.json")
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} carries no problems.json.");
        var entries = JsonSerializer.Deserialize<Entry[]>(stream, Json) ?? [];
        return [.. entries.Select(e => e.Code is { Length: > 0 } && e.English is { Length: > 0 } && e.Chinese is { Length: > 0 }
            ? new ProblemText(e.Code, e.English, e.Chinese)
            : throw new InvalidOperationException($"{assembly.GetName().Name}'s problems.json has an entry without code, en or zh."))];
    }

    sealed record Entry(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("en")] string? English,
        [property: JsonPropertyName("zh")] string? Chinese);
}
