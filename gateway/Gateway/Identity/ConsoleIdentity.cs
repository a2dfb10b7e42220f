using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity;

/// <summary>Who a console user is in a token: written at sign-in and again at every refresh, so a changed
/// role, agency or enterprise reaches the next access token.</summary>
public static class ConsoleIdentity
{
    public static void Describe(ClaimsIdentity identity, ConsoleUser user)
    {
        identity.SetClaim(Claims.Subject, user.UserName);
        identity.SetClaim(Claims.Name, user.DisplayName);
        identity.SetClaims(Claims.Role, [user.Role]);
        identity.SetClaim(ClaimNames.AgencyCode, user.AgencyCode);
        identity.SetClaim(ClaimNames.CreditCode, user.CreditCode);
    }
}
