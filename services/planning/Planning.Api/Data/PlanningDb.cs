using Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Planning.Api.Data;

public sealed class PlanningDb(DbContextOptions<PlanningDb> options) : DbContext(options)
{
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Enterprise>(e =>
        {
            e.HasKey(x => x.CreditCode);
            e.Property(x => x.CreditCode).HasMaxLength(18).IsFixedLength();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Zone).HasMaxLength(100);
            e.Property(x => x.Industry).HasMaxLength(100);
            e.Property(x => x.RiskLevel).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.RegisteredBy).HasMaxLength(200);
            e.Property(x => x.RegisteredVia).HasMaxLength(200);
            e.OwnsMany(x => x.QuietPeriods, q => q.ToJson());
        });
        model.AddOutboxAndInbox();
    }
}

/// <summary>Lets the EF tools build the model without starting the service.</summary>
sealed class PlanningDbDesignTimeFactory : IDesignTimeDbContextFactory<PlanningDb>
{
    public PlanningDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PlanningDb>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}
