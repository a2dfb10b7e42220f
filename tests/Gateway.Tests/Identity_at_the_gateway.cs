using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>The token server: agency systems by client credentials, console users through the sign-in
/// page (code flow with PKCE); signed short-lived JWTs every service validates itself; wrong credentials and expired, altered or foreign
/// tokens answered 401 with problem details; an agency cannot act as another.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Identity_at_the_gateway(PlatformFixture platform)
{
    [Fact]
    public async Task An_agency_system_gets_a_short_lived_token_carrying_its_agency_that_the_services_accept()
    {
        using var response = await platform.ClientCredentialsAsync("agency-yj", "yj-demo-secret");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        var jwt = new JsonWebToken(token);
        Assert.Equal(["park-api"], jwt.Audiences);
        Assert.Equal("YJ", jwt.GetClaim("agency_code").Value);
        Assert.Equal("agency", jwt.GetClaim("role").Value);
        Assert.Equal(platform.Platform.Address.ToString(), jwt.Issuer);
        Assert.Equal(TimeSpan.FromMinutes(10), jwt.ValidTo - jwt.IssuedAt);

        using var declarations = await platform.GetAsync("/api/planning/declarations", token);
        Assert.Equal(HttpStatusCode.OK, declarations.StatusCode);
        // Defence in depth: the service validates the same token itself, directly.
        using var direct = new HttpClient { BaseAddress = platform.Platform.Services["planning"].BaseAddress };
        direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/api/planning/declarations")).StatusCode);
        using var keys = await platform.Client.GetAsync("/.well-known/jwks");
        Assert.Contains(jwt.Kid, await keys.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("client_credentials", "agency-yj", "wrong-secret")]
    [InlineData("client_credentials", "agency-nobody", "x")]
    public async Task Wrong_client_credentials_are_401_with_problem_details(string grant, string clientId, string secret)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grant, ["client_id"] = clientId, ["client_secret"] = secret };
        using var response = await platform.Client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("error").GetString() is "invalid_client" or "invalid_grant");
    }

    [Fact]
    public async Task Console_users_get_their_role_and_codes_and_repeated_wrong_passwords_lock_the_account()
    {
        var office = new JsonWebToken(await platform.SignInAsync("office"));
        Assert.Equal("office", office.GetClaim("role").Value);
        var enterprise = new JsonWebToken(await platform.SignInAsync("qiye1"));
        Assert.Equal(("enterprise", "91330183MA2100001M"), (enterprise.GetClaim("role").Value, enterprise.GetClaim("credit_code").Value));
        var staff = new JsonWebToken(await platform.SignInAsync("xf-staff"));
        Assert.Equal("XF", staff.GetClaim("agency_code").Value);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await CodeFlowSignIn.AttemptAsync(platform.Client, "sf-staff", "guess" + i)).Status);
        var locked = await CodeFlowSignIn.AttemptAsync(platform.Client, "sf-staff", PlatformFixture.Password);
        Assert.Equal((HttpStatusCode.Unauthorized, null), (locked.Status, locked.Tokens));
        using var unsupported = await platform.Client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "implicit" }));
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
    }

    [Fact]
    public async Task The_password_grant_is_gone()
    {
        using var response = await platform.Client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "park-console", ["username"] = "office", ["password"] = PlatformFixture.Password, ["scope"] = "api",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    public static TheoryData<string> Forged => new() { "expired", "tampered", "other audience", "unsigned" };

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task Expired_altered_or_foreign_tokens_are_401_at_the_gateway_and_at_the_service(string kind)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "office", ["role"] = "office", ["client_id"] = "park-console" };
        var token = kind switch
        {
            "expired" => platform.Forge(claims, DateTime.UtcNow.AddMinutes(-5)),
            "other audience" => platform.Forge(claims, DateTime.UtcNow.AddMinutes(10), audience: "another-api"),
            "tampered" => Tamper(await platform.SignInAsync("qiye2")),
            _ => string.Join('.', platform.Forge(claims, DateTime.UtcNow.AddMinutes(10)).Split('.')[..2]) + ".",
        };
        using var atGateway = await platform.GetAsync("/api/planning/declarations", token);
        Assert.Equal(HttpStatusCode.Unauthorized, atGateway.StatusCode);
        Assert.Equal("application/problem+json", atGateway.Content.Headers.ContentType?.MediaType);
        using var direct = new HttpClient { BaseAddress = platform.Platform.Services["planning"].BaseAddress };
        direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync("/api/planning/declarations")).StatusCode);

        // The same claims, properly signed and current, pass: the refusal above was for the fault alone.
        using var proper = await platform.GetAsync("/api/planning/declarations", platform.Forge(claims, DateTime.UtcNow.AddMinutes(10)));
        Assert.Equal(HttpStatusCode.OK, proper.StatusCode);
    }

    /// <summary>An enterprise user turns its token into the office's by editing the payload.</summary>
    static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"enterprise\"", "\"office\"");
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    [Fact]
    public async Task An_agency_cannot_act_as_another_even_by_editing_the_body()
    {
        using var tokenResponse = await platform.ClientCredentialsAsync("agency-yj", "yj-demo-secret");
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/declarations")
        {
            Content = JsonContent.Create(new
            {
                period = "2027-Q1", agencyCode = "SJ", matterCodes = new[] { "SJ-01" }, creditCodes = new[] { "91330183MA2100001M" },
                windowFrom = "2027-02-01", windowTo = "2027-03-31", mandateLevel = "County", category = "Routine", method = "现场检查",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await platform.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var asEnterprise = await platform.GetAsync("/api/planning/enterprises/91330183MA2100002Q/ledger?period=2026-Q4", await platform.SignInAsync("qiye1"));
        Assert.Equal(HttpStatusCode.Forbidden, asEnterprise.StatusCode);
    }
}
