using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;

namespace Gateway.Identity;

/// <summary>The platform's token server (OpenIddict): client credentials for the agencies' own
/// systems; for console users the authorization code flow with PKCE (S256) through the gateway's sign-in
/// page, and refresh tokens that rotate at every use, a reused one revoking its whole chain. Access
/// tokens are signed JWTs (not encrypted), audience <c>park-api</c>, short-lived; every service fetches
/// the key set from <c>/.well-known/jwks</c> and validates them itself.</summary>
public static class TokenServer
{
    public const string Audience = "park-api";
    public const string ConsoleClientId = "park-console";
    public const string AuthorizePath = "connect/authorize";
    /// <summary>Where the console receives its authorization code, under the issuer's address.</summary>
    public const string ConsolePath = "console/";

    /// <summary>For the operator, at start: replicas that each made up their own key would refuse each other's tokens.</summary>
    static readonly string MissingKey = $"{Settings.Key<TokenServerOptions>(nameof(TokenServerOptions.SigningKeyPem))} is required outside Development: the RSA private key in PEM that every gateway replica signs with.";

    public static IHostApplicationBuilder AddTokenServer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<TokenServerOptions>()
            .Validate<IHostEnvironment>((o, environment) => environment.IsDevelopment() || !string.IsNullOrWhiteSpace(o.SigningKeyPem), MissingKey);
        // The gateway validates its own tokens with the keys in hand instead of fetching its own metadata.
        builder.Services.AddSingleton(sp => new OwnSigningKey(SigningKey(sp.GetRequiredService<IOptions<TokenServerOptions>>().Value.SigningKeyPem)));
        builder.Services.AddSingleton(sp => new PreviousSigningKey(
            sp.GetRequiredService<IOptions<TokenServerOptions>>().Value.PreviousSigningKeyPem is { Length: > 0 } previous ? SigningKey(previous) : null));
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<OwnSigningKey, PreviousSigningKey>((o, own, previous) =>
            o.TokenValidationParameters.IssuerSigningKeys = previous.Key is { } old ? [own.Key, old] : [own.Key]);
        builder.Services.AddOpenIddict()
            .AddCore(o =>
            {
                o.UseEntityFrameworkCore().UseDbContext<GatewayDb>();
                // Agency systems' secrets rotate with an overlap.
                o.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, AgencyClientManager>();
            })
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(AuthorizePath).SetTokenEndpointUris("connect/token").SetRevocationEndpointUris("connect/revoke");
                o.AllowClientCredentialsFlow();
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowRefreshTokenFlow();
                o.AcceptAnonymousClients();
                o.RegisterScopes("api", OpenIddictConstants.Scopes.OfflineAccess);
                // OpenIddict needs an encryption key for its own tokens; access tokens stay readable
                // JWTs so that each service can validate them with the published key set alone.
                o.AddEphemeralEncryptionKey();
                o.DisableAccessTokenEncryption();
                // TLS ends at the ingress (or nowhere, on a developer's machine).
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        // What the settings decide, once they are read and checked (as AddSigningKey, SetIssuer and
        // SetAccessTokenLifetime would, with values known only then).
        builder.Services.AddOptions<OpenIddictServerOptions>()
            .Configure<OwnSigningKey, PreviousSigningKey, IOptions<TokenServerOptions>, IOptions<TokenValidationOptions>>((o, key, previous, server, identity) =>
            {
                // The first signs; the previous one is only published (the key set shows both), so tokens
                // it signed before a rotation still validate everywhere until they expire.
                o.SigningCredentials.Add(new SigningCredentials(key.Key, SecurityAlgorithms.RsaSha256));
                if (previous.Key is { } old) o.SigningCredentials.Add(new SigningCredentials(old, SecurityAlgorithms.RsaSha256));
                o.AccessTokenLifetime = server.Value.AccessTokenLifetime;
                // A console session lasts RefreshTokenLifetime from its sign-in, however often it refreshes.
                o.RefreshTokenLifetime = server.Value.RefreshTokenLifetime;
                o.DisableSlidingRefreshTokenExpiration = true;
                // A refresh token works once: presented again, even a moment later, it is taken as stolen
                // and every token of its sign-in is revoked.
                o.RefreshTokenReuseLeeway = null;
                // Only S256: "plain" would hand the verifier to whoever reads the authorization request.
                o.CodeChallengeMethods.Clear();
                o.CodeChallengeMethods.Add(OpenIddictConstants.CodeChallengeMethods.Sha256);
                o.Issuer = new Uri(identity.Value.Issuer!);
            });
        builder.Services.AddScoped<ConsoleSignIn>();
        // The demo accounts (Accounts) are made only with Seed:DemoPark.
        builder.Services.AddSettings<SeedOptions>();
        return builder;
    }

    /// <summary>A signing key: from its PEM (an RSA private key, shared by all gateway replicas through a
    /// secret), or made up at start for a single gateway in Development. Its id is its thumbprint, the
    /// same on every replica.</summary>
    static RsaSecurityKey SigningKey(string? pem)
    {
        var rsa = RSA.Create(2048);
        if (!string.IsNullOrWhiteSpace(pem)) rsa.ImportFromPem(pem);
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}

/// <summary>The key that signed before the last rotation (<c>Identity:PreviousSigningKeyPem</c>), if any.</summary>
sealed record PreviousSigningKey(SecurityKey? Key);
