using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity;

/// <summary>/connect/token after OpenIddict has checked the request (and a client's secret): builds
/// the caller's identity. An agency system's token carries its <c>agency_code</c>; a console user's
/// carries the user's role and, for agency staff and enterprise users, the agency or credit code.</summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", IssueAsync).AllowAnonymous().ExcludeFromDescription();

    static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications, ConsoleSignIn signIn, CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, ct);
            var properties = application is null ? null : await applications.GetPropertiesAsync(application, ct);
            if (properties is null || !properties.TryGetValue(ClaimNames.AgencyCode, out var agency) || agency.GetString() is not { Length: > 0 } agencyCode)
                return Refuse(Errors.InvalidClient, "This client is not an agency's system.");
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application!, ct));
            identity.SetClaims(Claims.Role, [Roles.Agency]);
            identity.SetClaim(ClaimNames.AgencyCode, agencyCode);
        }
        else if (request.IsPasswordGrantType())
        {
            var (user, refusal) = await signIn.CheckAsync(request.Username, request.Password, ct);
            if (user is null) return Refuse(Errors.InvalidGrant, refusal!);
            identity.SetClaim(Claims.Subject, user.UserName);
            identity.SetClaim(Claims.Name, user.DisplayName);
            identity.SetClaims(Claims.Role, [user.Role]);
            if (user.AgencyCode is not null) identity.SetClaim(ClaimNames.AgencyCode, user.AgencyCode);
            if (user.CreditCode is not null) identity.SetClaim(ClaimNames.CreditCode, user.CreditCode);
        }
        else return Refuse(Errors.UnsupportedGrantType, "Use client_credentials (agency systems) or password (console users).");

        identity.SetClaim(ClaimNames.ClientId, request.ClientId ?? TokenServer.ConsoleClientId);
        identity.SetResources(TokenServer.Audience);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
