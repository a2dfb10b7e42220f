using System.ComponentModel.DataAnnotations;

namespace Gateway.Protection;

/// <summary>The gateway's budgets per caller (<c>RateLimits</c>), per minute; a shorter
/// <see cref="Window"/> (tests) scales them down with it.</summary>
public sealed class RateLimitOptions : ISettings
{
    public static string Section => "RateLimits";

    /// <summary>A signed-in client, by its client and subject.</summary>
    [Range(1, int.MaxValue)]
    public int PerClientPerMinute { get; set; } = 1200;

    /// <summary>An anonymous caller, by its address.</summary>
    [Range(1, int.MaxValue)]
    public int AnonymousPerMinute { get; set; } = 300;

    /// <summary>The anonymous verification at the gate, by address.</summary>
    [Range(1, int.MaxValue)]
    public int VerificationsPerMinute { get; set; } = 60;

    /// <summary>The token endpoint (client secret guessing), by the client the request names and the
    /// caller's address; the one-time codes (setup, passwords, invitations), by the caller's address.</summary>
    [Range(1, int.MaxValue)]
    public int TokenRequestsPerMinute { get; set; } = 30;

    /// <summary>Passwords sent to the sign-in page (password guessing), by the caller's address: a budget of
    /// its own, so a console that refreshes its tokens does not spend its users' sign-ins, nor a guesser at
    /// the page the token endpoint's.</summary>
    [Range(1, int.MaxValue)]
    public int SignInsPerMinute { get; set; } = 30;

    [Duration]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
