using System.Security.Cryptography;
using Gateway.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using ServiceDefaults;

namespace Gateway.Identity;

/// <summary>The platform's token server (OpenIddict): client credentials for the agencies' own
/// systems, passwords for console users. Access tokens are signed JWTs (not encrypted), audience
/// <c>park-api</c>, short-lived; every service fetches the key set from
/// <c>/.well-known/jwks</c> and validates them itself.</summary>
public static class TokenServer
{
    public const string Audience = "park-api";
    public const string ConsoleClientId = "park-console";

    public static IHostApplicationBuilder AddTokenServer(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Identity");
        var signingKey = SigningKey(section["SigningKeyPem"]);
        var lifetime = section.GetValue("AccessTokenLifetime", TimeSpan.FromMinutes(30));
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<GatewayDb>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token");
                o.AllowClientCredentialsFlow();
                o.AllowPasswordFlow();
                o.AcceptAnonymousClients();
                o.RegisterScopes("api");
                o.SetAccessTokenLifetime(lifetime);
                o.AddSigningKey(signingKey);
                // OpenIddict needs an encryption key for its own tokens; access tokens stay readable
                // JWTs so that each service can validate them with the published key set alone.
                o.AddEphemeralEncryptionKey();
                o.DisableAccessTokenEncryption();
                if (section["Issuer"] is { Length: > 0 } issuer) o.SetIssuer(new Uri(issuer));
                // TLS ends at the ingress (or nowhere, on a developer's machine).
                o.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        // The gateway validates its own tokens with the key in hand instead of fetching its own metadata.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Authority = null;
            o.ConfigurationManager = null;
            o.TokenValidationParameters.IssuerSigningKey = signingKey;
            o.TokenValidationParameters.ValidateIssuer = section["Issuer"] is { Length: > 0 };
            o.TokenValidationParameters.ValidIssuer = section["Issuer"];
        });
        builder.Services.AddScoped<ConsoleSignIn>();
        return builder;
    }

    /// <summary>The signing key: from <c>Identity:SigningKeyPem</c> (an RSA private key, shared by all
    /// gateway replicas through a secret), or made up at start for a single local gateway.</summary>
    static RsaSecurityKey SigningKey(string? pem)
    {
        var rsa = RSA.Create(2048);
        if (!string.IsNullOrWhiteSpace(pem)) rsa.ImportFromPem(pem);
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
