
namespace Gateway.Administration;

/// <summary>What the gateway knows of planning's registry: its enterprises and its agencies, from
/// planning's events (its own read model, as every service keeps one).</summary>
public sealed class Registry(GatewayDb db)
{
    public async Task<string?> EnterpriseNameAsync(string creditCode, CancellationToken ct) =>
        await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == creditCode).Select(e => e.Name).FirstOrDefaultAsync(ct);

    public async Task<string?> AgencyNameAsync(string agencyCode, CancellationToken ct) =>
        await db.Agencies.AsNoTracking().Where(a => a.Code == agencyCode).Select(a => a.Name).FirstOrDefaultAsync(ct);
}
