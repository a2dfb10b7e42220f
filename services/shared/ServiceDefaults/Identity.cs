using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ServiceDefaults;

/// <summary>The roles of DESIGN.md. The gateway authenticates; every service validates the token
/// again and authorizes on its own (defence in depth).</summary>
public static class Roles
{
    public const string Agency = "agency";
    public const string Enterprise = "enterprise";
    public const string Office = "office";
    public const string Leader = "leader";
    public const string Discipline = "discipline";
    /// <summary>Named office staff who manage accounts and agency systems at the gateway; no service
    /// answers to it, so it is not among the roles the services authorize.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Agency, Enterprise, Office, Leader, Discipline];
}

public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string AgencyCode = "agency_code";
    public const string CreditCode = "credit_code";
    public const string ClientId = "client_id";
    public const string Name = "name";
}

/// <summary>Whom a process trusts (<c>Identity</c>): tokens of <see cref="Issuer"/> for
/// <see cref="Audience"/>, signed by a key of the token server at <see cref="Authority"/> (its key set
/// is fetched) or of <see cref="SigningKeys"/> (a JWKS document, for hosts without the gateway).</summary>
public sealed class TokenValidationOptions : ISettings, IValidatableObject
{
    public static string Section => "Identity";

    /// <summary>The token server's address (<c>http://gateway:8080</c>).</summary>
    [HttpAddress]
    public string? Authority { get; set; }

    /// <summary>The keys that sign tokens, as a JSON Web Key Set.</summary>
    public string? SigningKeys { get; set; }

    [Required(ErrorMessage = "{0} is required: the public address that issues the platform's tokens (https://park.example.gov.cn/), checked in every token.")]
    [HttpAddress]
    public string? Issuer { get; set; }

    [Required(ErrorMessage = "{0} is required: the audience every token must name.")]
    public string Audience { get; set; } = "park-api";

    public bool RequireHttpsMetadata { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(SigningKeys)) yield break;
        string? error = null;
        try
        {
            if (new JsonWebKeySet(SigningKeys).GetSigningKeys().Count == 0) error = "holds no signing key";
        }
        catch (ArgumentException e)
        {
            error = $"is not a JSON Web Key Set ({e.Message})";
        }
        if (error is not null) yield return new ValidationResult($"{Settings.Key<TokenValidationOptions>(nameof(SigningKeys))} {error}.");
    }
}

/// <summary>The key of a process that signs its own tokens (the gateway's token server): it checks them
/// with the key in hand instead of fetching a key set.</summary>
public sealed record OwnSigningKey(SecurityKey Key);

public static class Identity
{
    /// <summary>Every process validates tokens again and authorizes on its own (defence in depth), with
    /// the keys of <see cref="TokenValidationOptions"/> or its <see cref="OwnSigningKey"/>.</summary>
    public static IHostApplicationBuilder AddIdentityValidation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<TokenValidationOptions>()
            .Validate<IEnumerable<OwnSigningKey>>((o, own) => !string.IsNullOrWhiteSpace(o.Authority) || !string.IsNullOrWhiteSpace(o.SigningKeys) || own.Any(),
                $"{Settings.Key<TokenValidationOptions>(nameof(TokenValidationOptions.Authority))} (the token server's address, http://gateway:8080) or " +
                $"{Settings.Key<TokenValidationOptions>(nameof(TokenValidationOptions.SigningKeys))} (its key set) is required: without either no token can be checked.");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<TokenValidationOptions>, IEnumerable<OwnSigningKey>>((o, settings, own) => Configure(o, settings.Value, own.FirstOrDefault()));

        builder.Services.AddAuthorizationBuilder()
            // Nothing is public by omission: an endpoint that names no policy still needs a signed-in
            // caller; what the reform publishes says AllowAnonymous. A path that matches no endpoint is
            // let through, so it is answered 404 rather than 401.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true || (c.Resource is HttpContext http && http.GetEndpoint() is null))
                .Build())
            .AddPolicy(Roles.Office, p => p.RequireRole(Roles.Office))
            .AddPolicy(Roles.Agency, p => p.RequireRole(Roles.Agency).RequireClaim(ClaimNames.AgencyCode))
            .AddPolicy(Roles.Enterprise, p => p.RequireRole(Roles.Enterprise).RequireClaim(ClaimNames.CreditCode))
            .AddPolicy(Roles.Leader, p => p.RequireRole(Roles.Leader))
            .AddPolicy(Roles.Discipline, p => p.RequireRole(Roles.Discipline))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    /// <summary>What the token server issues, and nothing else: RS256 signatures (never "none" nor an
    /// HMAC keyed with a public key) and access tokens typed <c>at+jwt</c> (RFC 9068), so that no other
    /// kind of token the same key might sign passes for one.</summary>
    public static readonly IReadOnlyList<string> Algorithms = [SecurityAlgorithms.RsaSha256];
    public static readonly IReadOnlyList<string> TokenTypes = ["at+jwt"];

    /// <summary>Where the token server publishes its keys, under its own address.</summary>
    public const string KeySetPath = ".well-known/jwks";

    static void Configure(JwtBearerOptions o, TokenValidationOptions settings, OwnSigningKey? own)
    {
        o.MapInboundClaims = false;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        // The key set is fetched from the address this process is configured with, not from wherever the
        // discovery document points (the public issuer's address, which a service inside the cluster
        // should not depend on, and which whoever answers discovery could redirect).
        if (own is null && !string.IsNullOrWhiteSpace(settings.Authority))
            o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                new Uri(new Uri(settings.Authority.TrimEnd('/') + "/"), KeySetPath).ToString(), new KeySetRetriever(),
                new HttpDocumentRetriever(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }) { RequireHttps = settings.RequireHttpsMetadata });
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidateIssuer = true,
            ValidAudience = settings.Audience,
            ValidateAudience = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = ClaimNames.Subject,
            RoleClaimType = ClaimNames.Role,
            ValidAlgorithms = Algorithms,
            ValidTypes = TokenTypes,
        };
        if (own is not null) o.TokenValidationParameters.IssuerSigningKey = own.Key;
        else if (!string.IsNullOrWhiteSpace(settings.SigningKeys)) o.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(settings.SigningKeys).GetSigningKeys();
    }
}

/// <summary>Reads the token server's key set (JWKS) itself as the configuration: the keys are all a
/// service needs from it; issuer and audience are settings of its own.</summary>
sealed class KeySetRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
        var configuration = new OpenIdConnectConfiguration { JwksUri = address, JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys()) configuration.SigningKeys.Add(key);
        return configuration;
    }
}
