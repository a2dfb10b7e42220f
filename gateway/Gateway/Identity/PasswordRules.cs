using System.Collections.Frozen;

namespace Gateway.Identity;

/// <summary>NIST SP 800-63B: a password is long enough, not on the list of common passwords shipped with
/// the gateway, and not the user's own name; no composition rules (a long phrase of plain words is a good
/// password). Checked wherever a password is set: the first administrator, a one-time code, an
/// enterprise's invitation, a user's own change.</summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    static readonly FrozenSet<string> Common = Load();

    /// <summary>Adds the rule <paramref name="password"/> breaks, if any, to <paramref name="field"/>.
    /// Length counts characters as people see them (a Chinese character is one).</summary>
    public static Validation Password(this Validation v, string field, string? password, string? userName)
    {
        if (string.IsNullOrEmpty(password)) return v.Add(field, "This field is required.");
        var length = password.EnumerateRunes().Count();
        if (length < MinLength) return v.Add(field, $"At least {MinLength} characters.");
        if (length > MaxLength) return v.Add(field, $"At most {MaxLength} characters.");
        if (Common.Contains(password.ToLowerInvariant()) || string.Equals(password, userName, StringComparison.OrdinalIgnoreCase))
            return v.Add(field, "This password is too common or easy to guess; choose another.");
        return v;
    }

    static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The gateway carries no common-passwords.txt.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) lines.Add(line.Trim().ToLowerInvariant());
        return lines.ToFrozenSet(StringComparer.Ordinal);
    }
}
