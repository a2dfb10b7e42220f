using Gateway.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Administration;

public sealed record InvitationRequest(string? CreditCode);

/// <summary>An invitation as the office prints it for the park's letter or SMS; the code is shown once.</summary>
public sealed record InvitationView(string CreditCode, string EnterpriseName, string Code, DateTimeOffset ExpiresAt);

public sealed record InvitationClaim(string? InvitationCode, string? CreditCode, string? UserName, string? DisplayName, string? Password);

/// <summary>Enterprise onboarding: the office (or an administrator) issues an invitation code for an
/// enterprise of the registry; the enterprise's person claims it with the enterprise's credit code and
/// chooses a user name and password, and becomes that enterprise's user. The code expires and works once.</summary>
public static class InvitingEnterprises
{
    public const string Policy = "office-or-admin";

    public static void MapInvitations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/invitations", IssueAsync).RequireAuthorization(Policy).WithTags("Administration 账户管理")
            .WithSummary("企业邀请码 Issue an invitation code for an enterprise of the registry (office, admin)");
        app.MapPost("/account/invitation", ClaimAsync).AllowAnonymous().WithTags("Account 账户")
            .WithSummary("领取邀请 An enterprise's person claims an invitation and sets a password");
    }

    static async Task<Results<Created<InvitationView>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        InvitationRequest r, GatewayDb db, Registry registry, OneTimeCodes codes, Actor actor, IOptions<AccountOptions> options, CancellationToken ct)
    {
        var v = new Validation().CreditCode("creditCode", r.CreditCode);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (await registry.EnterpriseNameAsync(r.CreditCode!, ct) is not { } name) return CreatingUsers.UnknownEnterprise(r.CreditCode!);

        var (code, row) = await codes.IssueAsync(CodePurpose.Invitation, actor.Subject, options.Value.InvitationLifetime, ct, creditCode: r.CreditCode);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created((string?)null, new InvitationView(r.CreditCode!, name, code, row.ExpiresAt));
    }

    static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> ClaimAsync(InvitationClaim r, GatewayDb db, OneTimeCodes codes, CancellationToken ct)
    {
        var v = new Validation();
        v.Require(OneTimeCodes.IsWellFormed(r.InvitationCode), "invitationCode", "A code of 20 letters and digits, as it was printed (dashes optional).");
        v.CreditCode("creditCode", r.CreditCode);
        v.UserName("userName", r.UserName);
        v.Text("displayName", r.DisplayName, 100);
        v.Password("password", r.Password, r.UserName);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        // An invitation of another enterprise reads as no invitation: the code and the credit code go together.
        var (_, refusal) = await codes.SpendAsync(CodePurpose.Invitation, "invitationCode", r.InvitationCode!, r.UserName!, c => c.CreditCode == r.CreditCode, ct);
        if (refusal is not null) return refusal;
        if (await db.Users.AnyAsync(u => u.UserName == r.UserName, ct)) return CreatingUsers.Taken(r.UserName!);

        var user = new ConsoleUser { Id = Guid.CreateVersion7(), UserName = r.UserName!, DisplayName = r.DisplayName!.Trim(), Role = Roles.Enterprise, CreditCode = r.CreditCode };
        user.PasswordHash = ConsoleSignIn.Hash(user, r.Password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OneTimeCodes.Used;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return CreatingUsers.Taken(r.UserName!);
        }
        return TypedResults.Created($"/admin/users/{user.UserName}", UserView.From(user));
    }
}
