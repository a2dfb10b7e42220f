namespace Gateway.Data;

/// <summary>A person who signs in to the console: office staff, agency staff, an enterprise's user,
/// a county leader, a member of the discipline task force. The password is kept as a salted PBKDF2
/// hash; five wrong passwords lock the account for 15 minutes.</summary>
public sealed class ConsoleUser
{
    public Guid Id { get; init; }
    public required string UserName { get; init; }
    public string DisplayName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public required string Role { get; init; }
    public string? AgencyCode { get; init; }
    public string? CreditCode { get; init; }
    public bool Disabled { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}
