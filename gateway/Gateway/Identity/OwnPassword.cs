using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity;

public sealed record PasswordWithCodeRequest(string? UserName, string? Code, string? Password);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>A person sets their own password: the first one, or after a reset, with the one-time code an
/// administrator handed over; and later changes it, knowing the current one, which ends the user's other
/// sign-ins (a password is changed when someone else may know it).</summary>
public static class OwnPassword
{
    public static RouteGroupBuilder MapOwnPassword(this RouteGroupBuilder account)
    {
        account.MapPost("/password", SetAsync).AllowAnonymous().WithSummary("设置密码 Set a password with a one-time code");
        account.MapPost("/password/change", ChangeAsync).RequireAuthorization().WithSummary("修改密码 Change one's own password");
        return account;
    }

    static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetAsync(PasswordWithCodeRequest r, GatewayDb db, OneTimeCodes codes, CancellationToken ct)
    {
        var v = new Validation();
        v.Require(r.UserName is { Length: > 0 and <= 64 }, "userName", "This field is required.");
        v.Require(OneTimeCodes.IsWellFormed(r.Code), "code", "A code of 20 letters and digits, as it was handed over (dashes optional).");
        v.Password("password", r.Password, r.UserName);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        // A code of another user reads as no code at all: the answer tells nothing about who exists.
        var (_, refusal) = await codes.SpendAsync(CodePurpose.Password, "code", r.Code!, r.UserName!, c => c.UserName == r.UserName, ct);
        if (refusal is not null) return refusal;
        var user = await db.Users.FirstAsync(u => u.UserName == r.UserName, ct);
        user.PasswordHash = ConsoleSignIn.Hash(user, r.Password!);
        (user.FailedSignIns, user.LockedUntil) = (0, null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OneTimeCodes.Used;
        }
        return TypedResults.NoContent();
    }

    static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeAsync(PasswordChangeRequest r, Actor actor, ClaimsPrincipal caller,
        ConsoleSignIn signIn, GatewayDb db, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, CancellationToken ct)
    {
        var v = new Validation();
        v.Require(!string.IsNullOrEmpty(r.CurrentPassword), "currentPassword", "This field is required.");
        v.Password("newPassword", r.NewPassword, actor.Subject);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (!await db.Users.AnyAsync(u => u.UserName == actor.Subject, ct))
            return Problems.Forbidden("Only a console user has a password here; an agency's system has a client secret.");

        // Checked as a sign-in is: wrong answers count towards the lockout.
        var (user, _) = await signIn.CheckAsync(actor.Subject, r.CurrentPassword, ct);
        if (user is null)
            return Problems.Unprocessable("The current password is not right.", new Dictionary<string, string[]> { ["currentPassword"] = ["Not your current password (or the account is locked for a while)."] });
        user.PasswordHash = ConsoleSignIn.Hash(user, r.NewPassword!);
        await db.SaveChangesAsync(ct);
        await EndOtherSignInsAsync(actor.Subject, caller.FindFirst(Claims.Private.AuthorizationId)?.Value, authorizations, tokens, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Every sign-in of <paramref name="subject"/> but the one that changed the password ends: its
    /// authorization (the sign-in's chain of refresh tokens) and its tokens are revoked, so its next refresh
    /// is refused. The access tokens already out live their few minutes; the sign-in that changed the
    /// password goes on.</summary>
    static async Task EndOtherSignInsAsync(string subject, string? current, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens,
        CancellationToken ct)
    {
        // Read whole before revoking: the managers share the request's unit of work.
        var others = new List<object>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(subject, ct))
            if (await authorizations.HasStatusAsync(authorization, Statuses.Valid, ct) && await authorizations.GetIdAsync(authorization, ct) != current)
                others.Add(authorization);
        foreach (var authorization in others) await authorizations.TryRevokeAsync(authorization, ct);

        var otherTokens = new List<object>();
        await foreach (var token in tokens.FindBySubjectAsync(subject, ct))
            if (await tokens.HasStatusAsync(token, Statuses.Valid, ct) && (current is null || await tokens.GetAuthorizationIdAsync(token, ct) != current))
                otherTokens.Add(token);
        foreach (var token in otherTokens) await tokens.TryRevokeAsync(token, ct);
    }
}
