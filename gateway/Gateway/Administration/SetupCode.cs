using Gateway.Identity;
using Microsoft.Extensions.Options;

namespace Gateway.Administration;

/// <summary><c>dotnet Gateway.dll setup-code</c>: run on the gateway's host (locally, or with
/// <c>kubectl exec deploy/gateway -- dotnet Gateway.dll setup-code</c>) with the gateway's own settings,
/// it prints a new one-time setup code and ends; an earlier unused code stops working. Only its hash is
/// stored. Once an administrator exists it refuses: setup is over.</summary>
public static class SetupCode
{
    public const string Command = "setup-code";

    public static async Task<int> PrintAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        // The command may run before the gateway has ever started on this database.
        await db.Database.MigrateAsync();
        if (await db.Users.AnyAsync(u => u.Role == Roles.Admin))
        {
            await Console.Error.WriteLineAsync("An administrator exists: setup is done, and administrators create every other account.");
            return 1;
        }
        var lifetime = scope.ServiceProvider.GetRequiredService<IOptions<AccountOptions>>().Value.SetupCodeLifetime;
        var (code, row) = await scope.ServiceProvider.GetRequiredService<OneTimeCodes>().IssueAsync(CodePurpose.Setup, Command, lifetime, CancellationToken.None);
        await db.SaveChangesAsync();
        await Console.Out.WriteLineAsync(code);
        await Console.Error.WriteLineAsync($"The one-time setup code above creates the first administrator at POST /setup/administrator until {row.ExpiresAt:u}.");
        return 0;
    }
}
