using Gateway.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Identity;

/// <summary>Checks a console user's password (PBKDF2 via ASP.NET Core's hasher) and locks the
/// account for 15 minutes after five wrong ones in a row. The answer never says which part was wrong.</summary>
public sealed class ConsoleSignIn(GatewayDb db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    static readonly PasswordHasher<ConsoleUser> Hasher = new();
    const string Wrong = "用户名或密码错误 (wrong user name or password).";

    public static string Hash(ConsoleUser user, string password) => Hasher.HashPassword(user, password);

    public async Task<(ConsoleUser? User, string? Refusal)> CheckAsync(string? userName, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 200) return (null, Wrong);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        var now = clock.GetUtcNow();
        // A disabled user, or one whose password was reset and not set again, cannot sign in.
        if (user is null || user.Disabled || user.PasswordHash.Length == 0) return (null, Wrong);
        if (user.LockedUntil > now) return (null, "账户已临时锁定，请15分钟后再试 (locked for a while after repeated wrong passwords).");

        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= MaxFailures) (user.LockedUntil, user.FailedSignIns) = (now + Lockout, 0);
            await db.SaveChangesAsync(ct);
            return (null, Wrong);
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = Hash(user, password);
        (user.FailedSignIns, user.LockedUntil) = (0, null);
        await db.SaveChangesAsync(ct);
        return (user, null);
    }
}
