using Messaging;
using Persistence;
using ReadModels;
using Microsoft.EntityFrameworkCore;

namespace Tolerance.Api.Data;

public sealed class ToleranceDb(DbContextOptions<ToleranceDb> options) : DbContext(options)
{
    public DbSet<EnterpriseView> Enterprises => Set<EnterpriseView>();
    public DbSet<ToleranceListVersion> Lists => Set<ToleranceListVersion>();
    public DbSet<LedgerFinding> Ledger => Set<LedgerFinding>();
    public DbSet<ToleranceDecision> Decisions => Set<ToleranceDecision>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new EnterpriseViewConfiguration<EnterpriseView>());
        model.Entity<ToleranceListVersion>(e =>
        {
            e.ToTable("tolerance_lists");
            e.HasKey(x => x.Version);
            e.Property(x => x.Version).ValueGeneratedNever();
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ChangedBy).HasMaxLength(200);
            e.Property(x => x.Items).AsJsonList();
        });
        model.Entity<LedgerFinding>(e =>
        {
            e.ToTable("ledger_findings");
            e.HasKey(x => new { x.FilingNo, x.FindingIndex });
            e.Property(x => x.FilingNo).HasMaxLength(40);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.MatterCode).HasMaxLength(40);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.HasIndex(x => new { x.CreditCode, x.MatterCode, x.FoundOn });
        });
        model.Entity<ToleranceDecision>(e =>
        {
            e.ToTable("decisions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.FilingNo, x.FindingIndex }).IsUnique();
            e.Property(x => x.FilingNo).HasMaxLength(40);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.MatterCode).HasMaxLength(40);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.ItemCode).HasMaxLength(40);
            e.Property(x => x.LegalBasis).HasMaxLength(1000);
            e.Property(x => x.Reasoning).HasMaxLength(8000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Evaluations).AsJsonList();
            e.HasIndex(x => x.CreditCode);
            e.HasIndex(x => x.AgencyCode);
            e.Property(x => x.RectifiedBy).HasMaxLength(200);
            // The sweep's query: conditional decisions still waiting for their rectification.
            e.HasIndex(x => x.ConditionDeadline).HasFilter($"status = '{nameof(DecisionStatus.Active)}' AND rectified_at IS NULL AND condition_deadline IS NOT NULL");
        });
        model.AddOutboxAndInbox().AddAuditTrail();
    }
}

sealed class ToleranceDbDesignTimeFactory : DesignTimeFactory<ToleranceDb>;
