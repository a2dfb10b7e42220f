using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

public static class Identity
{
    /// <summary>Configuration: <c>Identity:Authority</c> (the gateway's token server, whose key set
    /// is fetched), or <c>Identity:SigningKeys</c> (a JWKS document, for hosts without the gateway);
    /// <c>Identity:Issuer</c> and <c>Identity:Audience</c> are always checked.</summary>
    public static IHostApplicationBuilder AddIdentityValidation(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Identity");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Authority = section["Authority"];
                o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", false);
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = section["Issuer"],
                    ValidateIssuer = !string.IsNullOrEmpty(section["Issuer"]) || !string.IsNullOrEmpty(section["Authority"]),
                    ValidAudience = section["Audience"] ?? "park-api",
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ClaimNames.Subject,
                    RoleClaimType = ClaimNames.Role,
                };
                var jwks = section["SigningKeys"];
                if (!string.IsNullOrWhiteSpace(jwks))
                {
                    o.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys();
                }
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Office, p => p.RequireRole(Roles.Office))
            .AddPolicy(Roles.Agency, p => p.RequireRole(Roles.Agency).RequireClaim(ClaimNames.AgencyCode))
            .AddPolicy(Roles.Enterprise, p => p.RequireRole(Roles.Enterprise).RequireClaim(ClaimNames.CreditCode))
            .AddPolicy(Roles.Leader, p => p.RequireRole(Roles.Leader))
            .AddPolicy(Roles.Discipline, p => p.RequireRole(Roles.Discipline));
        return builder;
    }
}
