using Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Data;

/// <summary>The gateway's own database: OpenIddict's applications, authorizations and tokens, and the
/// console's users.</summary>
public sealed class GatewayDb(DbContextOptions<GatewayDb> options) : DbContext(options)
{
    public DbSet<ConsoleUser> Users => Set<ConsoleUser>();

    protected override void OnModelCreating(ModelBuilder model) => model
        .UseOpenIddict()
        .ApplyConfigurationsFromAssembly(typeof(GatewayDb).Assembly);
}

sealed class GatewayDbDesignTimeFactory : DesignTimeFactory<GatewayDb>;
