using System.Text.Json;
using TestInfrastructure;

namespace Gateway.Tests;

/// <summary>Every GET under /api of every service, from the API document each service serves: a walk
/// over them reaches a new endpoint without anyone listing it.</summary>
static class ReadEndpoints
{
    /// <summary>Route templates, each with the query parameters it declares that <paramref name="filled"/>
    /// says the walk fills (a period, a year: without them some answer only 400), as <c>?name={name}</c>.</summary>
    public static async Task<List<string>> OfAsync(Platform platform, Func<string, bool> filled)
    {
        var paths = new List<string>();
        foreach (var (_, service) in platform.Services)
        {
            using var direct = new HttpClient { BaseAddress = service.BaseAddress };
            var document = JsonDocument.Parse(await direct.GetStringAsync("/openapi/v1.json")).RootElement;
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                if (!path.Value.TryGetProperty("get", out var get) || !path.Name.StartsWith("/api/", StringComparison.Ordinal)) continue;
                var query = (get.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray().ToList() : [])
                    .Where(q => q.GetProperty("in").GetString() == "query" && filled(q.GetProperty("name").GetString()!))
                    .Select(q => q.GetProperty("name").GetString()!).ToList();
                paths.Add(query.Count == 0 ? path.Name : $"{path.Name}?{string.Join('&', query.Select(q => $"{q}={{{q}}}"))}");
            }
        }
        return paths;
    }
}
