using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TestInfrastructure;

/// <summary>Calls an API as a given caller, the way an agency's system or the console does.</summary>
public static class Http
{
    public static async Task<HttpResponseMessage> CallAsync(this HttpClient client, HttpMethod method, string path, string? token, object? body = null, string? language = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
