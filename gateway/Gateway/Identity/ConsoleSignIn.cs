using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Gateway.Identity;

/// <summary>Checks a console user's password (PBKDF2 via ASP.NET Core's hasher) and locks the
/// account for 15 minutes after five wrong ones in a row. The answer never says which part was wrong,
/// nor whether the account exists, is disabled or is locked: every refusal is the same words, and every
/// attempt verifies a hash — an unknown user's against one no password matches — so that none is
/// answered sooner than the others (tests/Benchmarks, <c>sign-in</c>, measures it).</summary>
public sealed class ConsoleSignIn(GatewayDb db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    static readonly PasswordHasher<ConsoleUser> Hasher = new();
    public const string Refused = "用户名或密码错误；连续输错多次的账户将暂时锁定，请稍后再试。";

    /// <summary>Stands in for a user who does not exist, has no password or may not sign in: the same
    /// work as a real check, with a random password of its own that nobody knows.</summary>
    static readonly ConsoleUser Nobody = new() { UserName = "", Role = "" };
    static readonly string NobodysHash = Hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public static string Hash(ConsoleUser user, string password) => Hasher.HashPassword(user, password);

    /// <summary>The user a token was issued to, if it may still have one: not disabled, its password not reset since.</summary>
    public Task<ConsoleUser?> FindActiveAsync(string userName, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName && !u.Disabled && u.PasswordHash != "", ct);

    public async Task<(ConsoleUser? User, string? Refusal)> CheckAsync(string? userName, string? password, CancellationToken ct)
    {
        // Malformed input tells nothing about any account: refused at once, without hashing a long password.
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 200) return (null, Refused);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        var now = clock.GetUtcNow();
        // A disabled user, or one whose password was reset and not set again, cannot sign in.
        var mayTry = user is { Disabled: false, PasswordHash.Length: > 0 };
        var result = Hasher.VerifyHashedPassword(mayTry ? user! : Nobody, mayTry ? user!.PasswordHash : NobodysHash, password);
        if (!mayTry || user!.LockedUntil > now) return (null, Refused);
        if (result == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= MaxFailures) (user.LockedUntil, user.FailedSignIns) = (now + Lockout, 0);
            await db.SaveChangesAsync(ct);
            return (null, Refused);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = Hash(user, password);
        (user.FailedSignIns, user.LockedUntil) = (0, null);
        await db.SaveChangesAsync(ct);
        return (user, null);
    }
}
