
namespace Gateway.Administration;

/// <summary>A console user as administrators see it: never a password or its hash.</summary>
public sealed record UserView(string UserName, string DisplayName, string Role, string? AgencyCode, string? CreditCode,
    bool Disabled, DateTimeOffset? LockedUntil, bool HasPassword)
{
    public static UserView From(ConsoleUser u) =>
        new(u.UserName, u.DisplayName, u.Role, u.AgencyCode, u.CreditCode, u.Disabled, u.LockedUntil, u.PasswordHash.Length > 0);
}

/// <summary>A one-time code that sets <see cref="UserName"/>'s password at <c>POST /account/password</c>,
/// shown once to the administrator who hands it over.</summary>
public sealed record PasswordCodeView(string UserName, string Code, DateTimeOffset ExpiresAt);

/// <summary>The words an account is made of, checked the same wherever one is made.</summary>
public static class AccountFields
{
    /// <summary>The roles an administrator gives; <c>discipline</c> is the task force (纪律作风保障专责小组).</summary>
    public static readonly IReadOnlyList<string> Roles = [ServiceDefaults.Roles.Office, ServiceDefaults.Roles.Leader, ServiceDefaults.Roles.Discipline,
        ServiceDefaults.Roles.Agency, ServiceDefaults.Roles.Enterprise, ServiceDefaults.Roles.Admin];

    /// <summary>A user name: 3 to 64 lower-case ASCII letters, digits, '.', '-' or '_', starting with a letter
    /// or digit (it is the token's subject and appears in the audit trail).</summary>
    public static Validation UserName(this Validation v, string field, string? value) =>
        v.Require(value is { Length: >= 3 and <= 64 } && (char.IsAsciiLetterLower(value[0]) || char.IsAsciiDigit(value[0]))
                  && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_'),
            field, "A user name: 3 to 64 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit.");
}
