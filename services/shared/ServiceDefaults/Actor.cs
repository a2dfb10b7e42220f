using Microsoft.AspNetCore.Http;
using System.Security.Claims;

namespace ServiceDefaults;

/// <summary>Who is acting, in which role, through which client: recorded with every write (留痕).</summary>
public sealed record Actor(string Subject, IReadOnlyList<string> Roles, string? AgencyCode, string? CreditCode, string? ClientId, string? Address)
{
    public static readonly Actor System = new("system", [], null, null, null, null);

    public bool IsIn(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Acts for the county (the office, an agency, a leader, the task force), not for an enterprise or nobody.</summary>
    public bool IsOfficial => IsIn(ServiceDefaults.Roles.Office) || IsIn(ServiceDefaults.Roles.Agency) || IsIn(ServiceDefaults.Roles.Leader) || IsIn(ServiceDefaults.Roles.Discipline);

    public static Actor From(HttpContext? context)
    {
        var user = context?.User;
        if (user?.Identity?.IsAuthenticated != true)
            return System with { Subject = "anonymous", Address = context?.Connection.RemoteIpAddress?.ToString() };

        return new Actor(
            user.FindFirstValue(ClaimNames.Subject) ?? "unknown",
            user.FindAll(ClaimNames.Role).Select(c => c.Value).ToArray(),
            user.FindFirstValue(ClaimNames.AgencyCode),
            user.FindFirstValue(ClaimNames.CreditCode),
            user.FindFirstValue(ClaimNames.ClientId) ?? user.FindFirstValue("azp"),
            context!.Connection.RemoteIpAddress?.ToString());
    }
}
