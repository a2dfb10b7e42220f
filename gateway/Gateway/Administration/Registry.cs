using Gateway.Data;
using Gateway.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Administration;

/// <summary>What the gateway knows of planning's registry: the enterprises from planning's events (its
/// own read model, as every service keeps one), and the county's agencies.</summary>
public sealed class Registry(GatewayDb db)
{
    public async Task<string?> EnterpriseNameAsync(string creditCode, CancellationToken ct) =>
        await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == creditCode).Select(e => e.Name).FirstOrDefaultAsync(ct);

    public static string? AgencyName(string agencyCode) =>
        Accounts.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Name).FirstOrDefault();
}
