using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity;

/// <summary>/connect/authorize after OpenIddict has checked the request (a known client, its registered
/// redirect address, an S256 code challenge): shows the sign-in page, and once the password is right
/// answers the console with an authorization code. The console redeems it at /connect/token with its
/// code verifier, so a code caught on the way is worth nothing.</summary>
public static class AuthorizeEndpoint
{
    public static void MapAuthorizeEndpoint(this IEndpointRouteBuilder app) =>
        app.MapMethods("/" + TokenServer.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();

    static async Task<IResult> AuthorizeAsync(HttpContext context, ConsoleSignIn signIn, CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType) return SignInPage.Show(context, request);
        var form = await context.Request.ReadFormAsync(ct);
        var userName = form[SignInPage.UserNameField].ToString();
        var (user, refusal) = await signIn.CheckAsync(userName, form[SignInPage.PasswordField].ToString(), ct);
        if (user is null) return SignInPage.Show(context, request, userName, refusal);

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        ConsoleIdentity.Describe(identity, user);
        identity.SetClaim(ServiceDefaults.ClaimNames.ClientId, request.ClientId);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(TokenServer.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
