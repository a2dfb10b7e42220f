using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>Replicas of the gateway, given the same key set (one signing key through a secret), accept
/// each other's tokens, whichever replica the ingress sends a request to. A rotation has overlap: the
/// new key signs, the previous one is still published and accepted, so tokens issued before the rotation
/// stay valid until they expire.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Gateway_replicas_share_their_keys(PlatformFixture platform)
{
    [Fact]
    public async Task A_token_from_one_replica_is_accepted_by_another()
    {
        // The second replica: the same settings and database as the fixture's gateway.
        await using var replica = await ExtraGateway.StartAsync(platform, new Dictionary<string, string>(), ownDatabase: false);
        using var second = replica.CreateClient();

        var fromFirst = await TokenAsync(platform.Client);
        var fromSecond = await TokenAsync(second);
        Assert.Equal(new JsonWebToken(fromFirst).Kid, new JsonWebToken(fromSecond).Kid);
        Assert.Equal(HttpStatusCode.OK, await DeclarationsAsync(second, fromFirst));
        Assert.Equal(HttpStatusCode.OK, await DeclarationsAsync(platform.Client, fromSecond));
    }

    [Fact]
    public async Task After_a_rotation_the_new_key_signs_and_tokens_of_the_previous_key_are_still_accepted()
    {
        using var next = RSA.Create(2048);
        await using var rotated = await ExtraGateway.StartAsync(platform, new Dictionary<string, string>
        {
            ["Identity:SigningKeyPem"] = next.ExportRSAPrivateKeyPem(),
            ["Identity:PreviousSigningKeyPem"] = platform.SigningKey.ExportRSAPrivateKeyPem(),
        }, ownDatabase: false);
        using var client = rotated.CreateClient();

        var issuedBefore = await TokenAsync(platform.Client);
        Assert.Equal(HttpStatusCode.OK, await DeclarationsAsync(client, issuedBefore));

        // The new key signs; the key set publishes both; a token of the new key validates with it.
        var issuedAfter = new JsonWebToken(await TokenAsync(client));
        Assert.Equal(Kid(next), issuedAfter.Kid);
        var keySet = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks"));
        Assert.Equal(new[] { Kid(next), Kid(platform.SigningKey) }.Order(), keySet.Keys.Select(k => k.Kid).Order());
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(issuedAfter.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = platform.Platform.Address.ToString(), ValidAudience = "park-api", IssuerSigningKeys = keySet.GetSigningKeys(),
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);

        // A key in neither place is still refused.
        using var stranger = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = platform.Platform.Address.ToString(), Audience = "park-api", Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["sub"] = "agency-yj", ["role"] = "agency", ["agency_code"] = "YJ", ["client_id"] = "agency-yj" },
            TokenType = TestIdentity.AccessTokenType,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(stranger) { KeyId = Kid(stranger) }, SecurityAlgorithms.RsaSha256),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, await DeclarationsAsync(client, forged));
    }

    static string Kid(RSA key) => Base64UrlEncoder.Encode(new RsaSecurityKey(key).ComputeJwkThumbprint());

    static async Task<string> TokenAsync(HttpClient gateway)
    {
        using var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "agency-yj", ["client_secret"] = "yj-demo-secret", ["scope"] = "api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    static async Task<HttpStatusCode> DeclarationsAsync(HttpClient gateway, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/planning/declarations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await gateway.SendAsync(request);
        return response.StatusCode;
    }
}
