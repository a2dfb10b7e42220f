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

    /// <summary>The field errors of a refusal, after checking it is problem details with <paramref name="status"/>.</summary>
    public static async Task<JsonElement> ErrorsAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").Clone();
    }

    /// <summary>Asserts a refusal as problem details with <paramref name="status"/> that names <paramref name="field"/>
    /// among its errors.</summary>
    public static async Task AssertProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status, string field) =>
        Xunit.Assert.True((await response.ErrorsAsync(status)).TryGetProperty(field, out _), $"the problem names {field}");
}
