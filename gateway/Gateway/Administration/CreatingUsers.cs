using Gateway.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Administration;

public sealed record NewUserRequest(string? UserName, string? DisplayName, string? Role, string? AgencyCode, string? CreditCode);

/// <summary>The user and the one-time code with which the person sets their first password.</summary>
public sealed record CreatedUser(UserView User, PasswordCodeView PasswordCode);

/// <summary>An administrator creates a console user: agency staff bound to an agency of planning's registry, an
/// enterprise's user bound to an enterprise of planning's registry, or office, leader, task-force or
/// administrator staff. No password passes through the administrator: the answer carries a one-time code
/// with which the person chooses their own.</summary>
public static class CreatingUsers
{
    public static RouteGroupBuilder MapCreatingUsers(this RouteGroupBuilder users)
    {
        users.MapPost("/", CreateAsync).WithSummary("创建用户 Create a console user (admin)");
        return users;
    }

    static async Task<Results<Created<CreatedUser>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewUserRequest r, GatewayDb db, Registry registry, OneTimeCodes codes, Actor actor, IOptions<AccountOptions> options, CancellationToken ct)
    {
        var v = new Validation();
        v.UserName("userName", r.UserName);
        v.Text("displayName", r.DisplayName, 100);
        v.Require(r.Role is not null && AccountFields.Roles.Contains(r.Role), "role", $"One of {string.Join(", ", AccountFields.Roles)}.");
        if (r.Role == Roles.Agency) v.AgencyCode("agencyCode", r.AgencyCode);
        else v.Require(r.AgencyCode is null, "agencyCode", "Only agency staff are bound to an agency.");
        if (r.Role == Roles.Enterprise) v.CreditCode("creditCode", r.CreditCode);
        else v.Require(r.CreditCode is null, "creditCode", "Only an enterprise's users are bound to a credit code.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        if (r.AgencyCode is not null && await registry.AgencyNameAsync(r.AgencyCode, ct) is null)
            return Problems.Unprocessable("Unknown agency.", new Dictionary<string, string[]> { ["agencyCode"] = [$"No agency has code {r.AgencyCode}."] });
        if (r.CreditCode is not null && await registry.EnterpriseNameAsync(r.CreditCode, ct) is null)
            return UnknownEnterprise(r.CreditCode);
        if (await db.Users.AnyAsync(u => u.UserName == r.UserName, ct)) return Taken(r.UserName!);

        var user = new ConsoleUser
        {
            Id = Guid.CreateVersion7(), UserName = r.UserName!, DisplayName = r.DisplayName!.Trim(), Role = r.Role!, AgencyCode = r.AgencyCode, CreditCode = r.CreditCode,
        };
        db.Users.Add(user);
        var (code, row) = await codes.IssueAsync(CodePurpose.Password, actor.Subject, options.Value.PasswordCodeLifetime, ct, userName: user.UserName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Taken(r.UserName!);
        }
        return TypedResults.Created($"/admin/users/{user.UserName}", new CreatedUser(UserView.From(user), new PasswordCodeView(user.UserName, code, row.ExpiresAt)));
    }

    public static ProblemHttpResult UnknownEnterprise(string creditCode) =>
        Problems.Unprocessable("Unknown enterprise.", new Dictionary<string, string[]> { ["creditCode"] = [$"No enterprise of the registry has credit code {creditCode}."] });

    public static ProblemHttpResult Taken(string userName) =>
        Problems.Conflict("The user name is taken.", $"A user named {userName} exists; choose another name.");
}
