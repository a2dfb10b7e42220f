namespace Gateway.Data;

/// <summary>What a one-time code opens: the first administrator's account, a password of the user it
/// was issued for, or an enterprise's first account.</summary>
public enum CodePurpose { Setup, Password, Invitation }

/// <summary>A one-time code, kept only as its SHA-256 hash: whoever reads the table cannot use it. It
/// works once, until it expires; a newer code of the same purpose and holder ends the older one.</summary>
public sealed class OneTimeCode
{
    public Guid Id { get; init; }
    public required CodePurpose Purpose { get; init; }
    public required string Hash { get; init; }
    /// <summary>The user whose password the code sets (<see cref="CodePurpose.Password"/>).</summary>
    public string? UserName { get; init; }
    /// <summary>The enterprise the code invites (<see cref="CodePurpose.Invitation"/>).</summary>
    public string? CreditCode { get; init; }
    public required string IssuedBy { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public string? UsedBy { get; set; }
    /// <summary>PostgreSQL's row version: of two uses at once, the second finds the code changed.</summary>
    public uint Version { get; set; }
}
