using Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tolerance.Api.Data;

public sealed class ToleranceDb(DbContextOptions<ToleranceDb> options) : DbContext(options)
{
    public DbSet<EnterpriseView> Enterprises => Set<EnterpriseView>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<EnterpriseView>(e =>
        {
            e.ToTable("enterprises");
            e.HasKey(x => x.CreditCode);
            e.Property(x => x.CreditCode).HasMaxLength(18).IsFixedLength();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Zone).HasMaxLength(100);
            e.Property(x => x.Industry).HasMaxLength(100);
        });
        model.AddOutboxAndInbox();
    }
}

/// <summary>Lets the EF tools build the model without starting the service.</summary>
sealed class ToleranceDbDesignTimeFactory : IDesignTimeDbContextFactory<ToleranceDb>
{
    public ToleranceDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ToleranceDb>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}
