using Messaging;
using Microsoft.EntityFrameworkCore;

namespace Supervision.Api.Data;

public sealed class SupervisionDb(DbContextOptions<SupervisionDb> options) : DbContext(options)
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

sealed class SupervisionDbDesignTimeFactory : DesignTimeFactory<SupervisionDb>;
