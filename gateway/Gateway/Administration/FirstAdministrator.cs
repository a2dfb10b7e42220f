using Gateway.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Administration;

public sealed record FirstAdministratorRequest(string? SetupCode, string? UserName, string? DisplayName, string? Password);

/// <summary>The first start of a county's platform: no account has a known password, and whoever holds
/// the setup code (printed by <c>dotnet Gateway.dll setup-code</c> on the gateway's host) creates the
/// first administrator with a password of their own. Once there is an administrator, setup is over:
/// administrators make every other account.</summary>
public static class FirstAdministrator
{
    public static void MapFirstAdministrator(this IEndpointRouteBuilder app) =>
        app.MapPost("/setup/administrator", CreateAsync).AllowAnonymous().WithTags("Setup 初始设置")
            .WithSummary("创建首个管理员 Create the first administrator with the one-time setup code");

    static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        FirstAdministratorRequest r, GatewayDb db, OneTimeCodes codes, CancellationToken ct)
    {
        var v = new Validation();
        v.Require(OneTimeCodes.IsWellFormed(r.SetupCode), "setupCode", "A code of 20 letters and digits, as it was printed (dashes optional).");
        v.UserName("userName", r.UserName);
        v.Text("displayName", r.DisplayName, 100);
        v.Password("password", r.Password, r.UserName);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        if (await db.Users.AnyAsync(u => u.Role == Roles.Admin, ct)) return Done;
        var (_, refusal) = await codes.SpendAsync(CodePurpose.Setup, "setupCode", r.SetupCode!, r.UserName!, _ => true, ct);
        if (refusal is not null) return refusal;

        var user = new ConsoleUser { Id = Guid.CreateVersion7(), UserName = r.UserName!, DisplayName = r.DisplayName!.Trim(), Role = Roles.Admin };
        user.PasswordHash = ConsoleSignIn.Hash(user, r.Password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Done;
        }
        return TypedResults.Created($"/admin/users/{user.UserName}", UserView.From(user));
    }

    static ProblemHttpResult Done => Problems.Conflict("Setup is done.", "An administrator exists; administrators create every other account.");
}
