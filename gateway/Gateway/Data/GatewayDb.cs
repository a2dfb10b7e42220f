using Messaging;
using ReadModels;

namespace Gateway.Data;

/// <summary>The gateway's own database: OpenIddict's applications, authorizations and tokens, the
/// console's users and their one-time codes, the registry's agencies and enterprises (from planning's events), and
/// the audit trail of every change.</summary>
public sealed class GatewayDb(DbContextOptions<GatewayDb> options) : DbContext(options)
{
    public DbSet<ConsoleUser> Users => Set<ConsoleUser>();
    public DbSet<OneTimeCode> Codes => Set<OneTimeCode>();
    public DbSet<EnterpriseView> Enterprises => Set<EnterpriseView>();
    public DbSet<AgencyView> Agencies => Set<AgencyView>();

    protected override void OnModelCreating(ModelBuilder model) => model
        .UseOpenIddict()
        .ApplyConfigurationsFromAssembly(typeof(GatewayDb).Assembly)
        .ApplyConfiguration(new EnterpriseViewConfiguration<EnterpriseView>())
        .AddOutboxAndInbox()
        .AddAuditTrail();
}

sealed class GatewayDbDesignTimeFactory : DesignTimeFactory<GatewayDb>;
