using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity;

/// <summary>/connect/token after OpenIddict has checked the request (and a client's secret): builds
/// the caller's identity. An agency system's token carries its <c>agency_code</c>; a console user's
/// (from an authorization code or a refresh token) carries the user's role and, for agency staff and
/// enterprise users, the agency or credit code.</summary>
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
            identity.SetScopes(request.GetScopes());
        }
        else if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // OpenIddict has checked the code (with its PKCE verifier) or the refresh token, and that it was
            // never used before. The user is looked up again: one disabled since, or whose password was
            // reset, gets nothing more.
            var signedIn = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = signedIn?.GetClaim(Claims.Subject) is { } subject ? await signIn.FindActiveAsync(subject, ct) : null;
            if (user is null) return Refuse(Errors.InvalidGrant, "The sign-in has ended: sign in again.");
            // Its claims carry the sign-in's scopes and OpenIddict's own links (the authorization that a
            // reused refresh token revokes whole); what describes the user is written anew.
            identity = new ClaimsIdentity(signedIn!.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            ConsoleIdentity.Describe(identity, user);
        }
        else return Refuse(Errors.UnsupportedGrantType, "Use client_credentials (agency systems), or authorization_code and refresh_token (the console).");

        identity.SetClaim(ClaimNames.ClientId, request.ClientId ?? TokenServer.ConsoleClientId);
        identity.SetResources(TokenServer.Audience);
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
