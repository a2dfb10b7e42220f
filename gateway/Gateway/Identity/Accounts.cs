using Gateway.Administration;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Identity;

/// <summary>Registers the console as a public client (always), and for <c>./run.sh</c>
/// (<c>Seed:DemoPark</c>) one client per agency system and a console user per role, as listed in
/// the README. The demo's agencies are the county's initial ones (<see cref="CountyAgencies"/>), taken
/// here rather than from planning's events so that the demo's staff can sign in as soon as the gateway
/// starts; agencies the office adds later get their staff and systems from an administrator. Without the
/// demo park no account is made: the first administrator comes from the one-time setup code
/// (<see cref="SetupCode"/>). Runs after the migrations; only what is missing is added.</summary>
sealed class Accounts(IServiceScopeFactory scopes, IOptions<SeedOptions> seed, IOptions<TokenValidationOptions> identity, ILogger<Accounts> logger) : IHostedService
{
    public const string DemoPassword = "Park@2026";

    public static readonly (string UserName, string DisplayName, string Role, string? Agency, string? CreditCode)[] DemoUsers =
    [
        ("admin", "县委营商办 系统管理员 陈工", Roles.Admin, null, null),
        ("office", "县委营商办 王主任", Roles.Office, null, null),
        ("leader", "县委领导 李书记", Roles.Leader, null, null),
        ("discipline", "纪律作风保障专责小组 赵组长", Roles.Discipline, null, null),
        ("qiye1", "华东精细化工有限公司 安全主管", Roles.Enterprise, null, "91330183MA2100001M"),
        ("qiye2", "华东机械制造有限公司 行政主管", Roles.Enterprise, null, "91330183MA2100002Q"),
        ("qiye3", "华东新材料科技有限公司 行政主管", Roles.Enterprise, null, "91330183MA2100003U"),
    ];

    // Seeded as the service starts: a database short of connections for a moment is waited for.
    public Task StartAsync(CancellationToken ct) => StartupRetry.RunAsync(SeedAsync, logger, "Accounts", ct);

    async Task SeedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        // Made as described, or brought to the description (a client of an earlier release signed in otherwise).
        var console = ConsoleClient(new Uri(new Uri(identity.Value.Issuer!), TokenServer.ConsolePath));
        if (await applications.FindByClientIdAsync(TokenServer.ConsoleClientId, ct) is { } existing) await applications.UpdateAsync(existing, console, ct);
        else await applications.CreateAsync(console, ct);
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        if (!seed.Value.DemoPark)
        {
            if (!await db.Users.AnyAsync(u => u.Role == Roles.Admin, ct))
                logger.LogWarning("No administrator yet: `dotnet Gateway.dll {Command}` on the gateway's host prints the one-time setup code that creates the first one (POST /setup/administrator)", SetupCode.Command);
            return;
        }

        foreach (var (code, name) in CountyAgencies.Initial)
        {
            var clientId = AgencyClients.ClientIdOf(code);
            if (await applications.FindByClientIdAsync(clientId, ct) is not null) continue;
            await applications.CreateAsync(AgencyClients.Descriptor(clientId, DemoSecret(code), code, name), ct);
        }

        var users = DemoUsers.Concat(CountyAgencies.Initial.Select(a => ($"{a.Code.ToLowerInvariant()}-staff", $"{a.Name} 执法人员", Roles.Agency, (string?)a.Code, (string?)null)));
        foreach (var (userName, displayName, role, agency, creditCode) in users)
        {
            if (await db.Users.AnyAsync(u => u.UserName == userName, ct)) continue;
            var user = new ConsoleUser { Id = Guid.CreateVersion7(), UserName = userName, DisplayName = displayName, Role = role, AgencyCode = agency, CreditCode = creditCode };
            user.PasswordHash = ConsoleSignIn.Hash(user, DemoPassword);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync(ct);
        // The demo password is in the README; it is never written to a log.
        logger.LogInformation("Demo accounts ready: the console users and agency clients the README lists");
    }

    /// <summary>The console: a public client (it keeps no secret) that signs users in with the
    /// authorization code flow and PKCE, answered at the console's own address only, and refreshes and
    /// revokes its tokens.</summary>
    static OpenIddictApplicationDescriptor ConsoleClient(Uri redirect) => new()
    {
        ClientId = TokenServer.ConsoleClientId,
        ClientType = ClientTypes.Public,
        ConsentType = ConsentTypes.Implicit,
        DisplayName = "园区执法管理台",
        RedirectUris = { redirect },
        Permissions =
        {
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            Permissions.Prefixes.Scope + "api",
        },
        Requirements = { Requirements.Features.ProofKeyForCodeExchange },
    };

    public static string DemoSecret(string agencyCode) => $"{agencyCode.ToLowerInvariant()}-demo-secret";

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
