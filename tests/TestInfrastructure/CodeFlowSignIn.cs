using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.IdentityModel.Tokens;

namespace TestInfrastructure;

/// <summary>The tokens a console sign-in ends with.</summary>
public sealed record ConsoleTokens(string AccessToken, string? RefreshToken, TimeSpan ExpiresIn);

/// <summary>How one sign-in went: the status of the last answer (the sign-in page's own, 401, when the
/// password was refused), that answer's text, and the tokens when it succeeded.</summary>
public sealed record SignInAttempt(HttpStatusCode Status, string Answer, ConsoleTokens? Tokens);

/// <summary>The sign-in page's form as a browser holds it: where it posts, its hidden fields (the
/// authorization request), and the secrets of that request that stay with the console.</summary>
public sealed record SignInForm(string Action, IReadOnlyDictionary<string, string> Hidden, string Verifier, string State, string Redirect)
{
    /// <summary>The form's fields as sent, with what the user typed.</summary>
    public Dictionary<string, string> With(string userName, string password) => new(Hidden) { ["username"] = userName, ["password"] = password };
}

/// <summary>Signs a console user in as the console does, over HTTP: the authorization request with a
/// PKCE challenge (S256) and a state, the gateway's sign-in page filled in and sent back with its hidden
/// fields, the code taken from the console address it is sent to, and redeemed at the token endpoint
/// with the verifier. Works with a client that follows redirects and with one that does not.</summary>
public static partial class CodeFlowSignIn
{
    public const string ConsoleClient = "park-console";
    public const string Scopes = "api offline_access";

    /// <summary>The user's tokens; fails with the page's words when the sign-in is refused.</summary>
    public static async Task<ConsoleTokens> SignInAsync(HttpClient gateway, string userName, string password, Action<HttpRequestMessage>? prepare = null)
    {
        var attempt = await AttemptAsync(gateway, userName, password, prepare);
        return attempt.Tokens ?? throw new InvalidOperationException($"{userName} was not signed in: {(int)attempt.Status} {attempt.Answer}");
    }

    /// <param name="redeemWith">A verifier other than the one challenged, as a thief of the code would send.</param>
    public static async Task<SignInAttempt> AttemptAsync(HttpClient gateway, string userName, string password, Action<HttpRequestMessage>? prepare = null,
        string? redeemWith = null)
    {
        var (form, status, page) = await OpenAsync(gateway, prepare);
        if (form is null) return new(status, page, null);
        using var submitted = await SendAsync(gateway, new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(form.With(userName, password)) }, prepare);
        var landed = submitted.Headers.Location is { } location ? new Uri(gateway.BaseAddress!, location) : submitted.RequestMessage!.RequestUri!;
        var answer = HttpUtility.ParseQueryString(landed.Query);
        if (answer["code"] is not { } code) return new(submitted.StatusCode, await submitted.Content.ReadAsStringAsync(), null);
        if (answer["state"] != form.State) throw new InvalidOperationException($"The code came back with another state: {landed}");

        using var redeemed = await SendAsync(gateway, new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["client_id"] = ConsoleClient, ["code"] = code, ["redirect_uri"] = form.Redirect, ["code_verifier"] = redeemWith ?? form.Verifier,
            }),
        }, prepare);
        var body = await redeemed.Content.ReadAsStringAsync();
        return new(redeemed.StatusCode, body, redeemed.IsSuccessStatusCode ? Read(body) : null);
    }

    /// <summary>A new authorization request (PKCE challenge, state) and the sign-in page it opens, read as the
    /// browser would: the form's action and hidden fields. No form when the page does not open.</summary>
    public static async Task<(SignInForm? Form, HttpStatusCode Status, string Answer)> OpenAsync(HttpClient gateway, Action<HttpRequestMessage>? prepare = null)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var redirect = await ConsoleAddressAsync(gateway, prepare);

        var query = string.Join('&', new Dictionary<string, string>
        {
            ["response_type"] = "code", ["client_id"] = ConsoleClient, ["redirect_uri"] = redirect, ["scope"] = Scopes,
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = state,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var page = await SendAsync(gateway, new HttpRequestMessage(HttpMethod.Get, "/connect/authorize?" + query), prepare);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK) return (null, page.StatusCode, html);
        var hidden = HiddenField().Matches(html).ToDictionary(m => HttpUtility.HtmlDecode(m.Groups["name"].Value), m => HttpUtility.HtmlDecode(m.Groups["value"].Value));
        return (new SignInForm(HttpUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value), hidden, verifier, state, redirect), page.StatusCode, html);
    }

    /// <summary>The refresh token's turn: a new pair on success (the old refresh token is spent).</summary>
    public static Task<HttpResponseMessage> RefreshAsync(HttpClient gateway, string refreshToken) =>
        gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = ConsoleClient, ["refresh_token"] = refreshToken,
        }));

    /// <summary>Signing out: the refresh token is revoked at the token server.</summary>
    public static Task<HttpResponseMessage> RevokeAsync(HttpClient gateway, string refreshToken) =>
        gateway.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ConsoleClient, ["token"] = refreshToken, ["token_type_hint"] = "refresh_token",
        }));

    public static ConsoleTokens Read(string tokenResponse)
    {
        var json = JsonDocument.Parse(tokenResponse).RootElement;
        return new(json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            TimeSpan.FromSeconds(json.GetProperty("expires_in").GetInt32()));
    }

    /// <summary>The console's address, where the gateway registered it: under the issuer it announces.</summary>
    static async Task<string> ConsoleAddressAsync(HttpClient gateway, Action<HttpRequestMessage>? prepare)
    {
        using var discovery = await SendAsync(gateway, new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration"), prepare);
        discovery.EnsureSuccessStatusCode();
        var issuer = (await discovery.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("issuer").GetString()!;
        return new Uri(new Uri(issuer.TrimEnd('/') + "/"), "console/").ToString();
    }

    static async Task<HttpResponseMessage> SendAsync(HttpClient gateway, HttpRequestMessage request, Action<HttpRequestMessage>? prepare)
    {
        using (request)
        {
            prepare?.Invoke(request);
            return await gateway.SendAsync(request);
        }
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();

    [GeneratedRegex("""<form[^>]* action="(?<action>[^"]*)"[^>]*>""")]
    private static partial Regex FormAction();
}
