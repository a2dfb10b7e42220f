using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests.Accounts;

/// <summary>What a console user, an administrator and an agency system send to the gateway's account
/// endpoints, and what the tests read back.</summary>
static class AccountCalls
{
    /// <summary>A sign-in through the gateway's page, as the console makes it.</summary>
    public static Task<SignInAttempt> SignInAttemptAsync(this HttpClient client, string userName, string password) =>
        CodeFlowSignIn.AttemptAsync(client, userName, password);

    public static Task<HttpResponseMessage> ClientGrantAsync(this HttpClient client, string clientId, string secret) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "api",
        }));

    public static async Task<string> TokenAsync(this HttpClient client, string userName, string password) =>
        (await CodeFlowSignIn.SignInAsync(client, userName, password)).AccessToken;

    /// <summary>A user made by <paramref name="adminToken"/> who has set <paramref name="password"/> with the
    /// one-time code the creation handed over. The agency or enterprise it is bound to reaches the gateway
    /// by planning's events: until then the creation is refused (422) and nothing is stored, so it is asked again.</summary>
    public static async Task<JsonElement> CreateUserAsync(this HttpClient client, string adminToken, object user, string password)
    {
        using var created = await Eventually.Until(() => client.CallAsync(HttpMethod.Post, "/admin/users", adminToken, user),
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, "the gateway knows the registry's agency or enterprise");
        var body = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var code = body.GetProperty("passwordCode");
        using var set = await client.CallAsync(HttpMethod.Post, "/account/password", null,
            new { userName = code.GetProperty("userName").GetString(), code = code.GetProperty("code").GetString(), password });
        Assert.True(set.StatusCode == HttpStatusCode.NoContent, await set.Content.ReadAsStringAsync());
        return body.GetProperty("user");
    }

    public static async Task<int> UsersNamedAsync(this HttpClient client, string adminToken, string search)
    {
        using var response = await client.CallAsync(HttpMethod.Get, $"/admin/users?search={Uri.EscapeDataString(search)}", adminToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength();
    }
}
