using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>One platform for the gateway's tests and the browser tests: the services and the gateway
/// as processes, the demo park and demo accounts seeded. The gateway's signing key is the test's (as
/// an operator would give it through a secret), so tests can also forge what attackers would.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Password = "Park@2026";
    public RSA SigningKey { get; } = RSA.Create(2048);
    public Platform Platform { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await Platform.StartAsync("gw", new Dictionary<string, string> { ["Identity:SigningKeyPem"] = SigningKey.ExportRSAPrivateKeyPem() },
            // The to-do lists look a year ahead: a test's visits, planned in a quarter no other test plans, are on them already.
            new Dictionary<string, string> { ["Todo:ComingDays"] = "366" });
        Client = new HttpClient { BaseAddress = Platform.Address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Platform.DisposeAsync();
    }


    /// <summary>A console user's access token, signed in through the gateway's sign-in page (code flow with PKCE).</summary>
    public async Task<string> SignInAsync(string userName, string password = Password) =>
        (await CodeFlowSignIn.SignInAsync(Client, userName, password)).AccessToken;

    /// <summary>An agency system's token by client credentials.</summary>
    public async Task<HttpResponseMessage> ClientCredentialsAsync(string clientId, string secret) =>
        await Client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "api",
        }));

    /// <summary>A token signed with the gateway's own key but with claims of the test's choosing.</summary>
    public string Forge(IDictionary<string, object> claims, DateTime expires, string audience = "park-api") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Platform.Address.ToString(),
            Audience = audience,
            Claims = claims,
            IssuedAt = expires.AddMinutes(-30),
            NotBefore = expires.AddMinutes(-30),
            Expires = expires,
            TokenType = TestIdentity.AccessTokenType,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(SigningKey) { KeyId = KeyId() }, SecurityAlgorithms.RsaSha256),
        });

    string KeyId() => Base64UrlEncoder.Encode(new RsaSecurityKey(SigningKey).ComputeJwkThumbprint());

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request);
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
