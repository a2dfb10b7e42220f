
namespace Gateway.Identity;

/// <summary>How long the codes of account administration live (<c>Accounts</c>).</summary>
public sealed class AccountOptions : ISettings
{
    public static string Section => "Accounts";

    /// <summary>The first administrator's setup code (<c>dotnet Gateway.dll setup-code</c>).</summary>
    [Duration]
    public TimeSpan SetupCodeLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A code that sets a new user's first password, or a password after a reset.</summary>
    [Duration]
    public TimeSpan PasswordCodeLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>An enterprise's invitation, sent by letter or SMS.</summary>
    [Duration]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an agency system's previous secret keeps working after a rotation, unless the
    /// rotation says otherwise: time for the agency to deploy the new one.</summary>
    [Duration(ZeroAllowed = true)]
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromDays(7);
}
