using Gateway.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Gateway.Administration;

/// <summary>What an administrator does with existing users: find them (search and paging), disable and
/// enable, unlock after repeated wrong passwords, and reset a password by a one-time code. Disabling and
/// resetting also revoke the tokens the token server keeps for the user.</summary>
public static class ManagingUsers
{
    public static RouteGroupBuilder MapManagingUsers(this RouteGroupBuilder users)
    {
        users.MapGet("/", ListAsync).WithSummary("用户列表 Users, searched by name and role, a page at a time (admin)");
        users.MapGet("/{userName}", GetAsync).WithSummary("用户 One user (admin)");
        users.MapPost("/{userName}/disable", DisableAsync).WithSummary("停用 Disable a user: no more sign-in (admin)");
        users.MapPost("/{userName}/enable", EnableAsync).WithSummary("启用 Enable a disabled user (admin)");
        users.MapPost("/{userName}/unlock", UnlockAsync).WithSummary("解锁 Unlock a user locked after wrong passwords (admin)");
        users.MapPost("/{userName}/password-reset", ResetAsync).WithSummary("重置密码 A one-time code that sets a new password; the old one stops working (admin)");
        return users;
    }

    static async Task<Results<Ok<Page<UserView>>, ValidationProblem>> ListAsync(string? search, string? role, string? after, int? limit, GatewayDb db, CancellationToken ct)
    {
        var v = new Validation();
        v.OptionalText("search", search, 64);
        v.Require(role is null || AccountFields.Roles.Contains(role), "role", $"One of {string.Join(", ", AccountFields.Roles)}.");
        var take = v.Limit(limit);
        v.OptionalText("after", after, 64);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{Escape(search.Trim())}%";
            query = query.Where(u => EF.Functions.ILike(u.UserName, pattern, "\\") || EF.Functions.ILike(u.DisplayName, pattern, "\\"));
        }
        if (role is not null) query = query.Where(u => u.Role == role);
        if (after is not null) query = query.Where(u => string.Compare(u.UserName, after) > 0);
        // By user name, the order an administrator looks a person up in.
        return TypedResults.Ok(await query.OrderBy(u => u.UserName).PageAsync(take, u => u.UserName, UserView.From, ct));
    }

    static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(string userName, GatewayDb db, CancellationToken ct) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, ct) is { } user ? TypedResults.Ok(UserView.From(user)) : NoSuchUser(userName);

    static async Task<Results<Ok<UserView>, ProblemHttpResult>> DisableAsync(string userName, GatewayDb db, Actor actor, IOpenIddictTokenManager tokens, CancellationToken ct)
    {
        if (userName == actor.Subject) return Problems.Conflict("You cannot disable yourself.", "Another administrator disables an administrator's account.");
        return await ChangeAsync(userName, db, ct, u => u.Disabled = true, tokens);
    }

    static Task<Results<Ok<UserView>, ProblemHttpResult>> EnableAsync(string userName, GatewayDb db, CancellationToken ct) =>
        ChangeAsync(userName, db, ct, u => u.Disabled = false);

    static Task<Results<Ok<UserView>, ProblemHttpResult>> UnlockAsync(string userName, GatewayDb db, CancellationToken ct) =>
        ChangeAsync(userName, db, ct, u => (u.LockedUntil, u.FailedSignIns) = (null, 0));

    static async Task<Results<Ok<UserView>, ProblemHttpResult>> ChangeAsync(string userName, GatewayDb db, CancellationToken ct, Action<ConsoleUser> change,
        IOpenIddictTokenManager? revoke = null)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null) return NoSuchUser(userName);
        change(user);
        await db.SaveChangesAsync(ct);
        if (revoke is not null) await revoke.RevokeBySubjectAsync(user.UserName, ct);
        return TypedResults.Ok(UserView.From(user));
    }

    static async Task<Results<Ok<PasswordCodeView>, ProblemHttpResult>> ResetAsync(string userName, GatewayDb db, OneTimeCodes codes, Actor actor,
        IOptions<AccountOptions> options, IOpenIddictTokenManager tokens, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null) return NoSuchUser(userName);
        // The old password stops at once: a reset is also what follows a password that leaked.
        user.PasswordHash = "";
        var (code, row) = await codes.IssueAsync(CodePurpose.Password, actor.Subject, options.Value.PasswordCodeLifetime, ct, userName: user.UserName);
        await db.SaveChangesAsync(ct);
        await tokens.RevokeBySubjectAsync(user.UserName, ct);
        return TypedResults.Ok(new PasswordCodeView(user.UserName, code, row.ExpiresAt));
    }

    public static ProblemHttpResult NoSuchUser(string userName) => Problems.NotFound("No such user.", $"No user is named {userName}.");
}
