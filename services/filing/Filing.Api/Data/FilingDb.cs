using Messaging;
using Persistence;
using ReadModels;
using Microsoft.EntityFrameworkCore;

namespace Filing.Api.Data;

public sealed class FilingDb(DbContextOptions<FilingDb> options) : DbContext(options)
{
    public DbSet<EnterpriseWithQuietPeriods> Enterprises => Set<EnterpriseWithQuietPeriods>();
    public DbSet<ScheduledVisit> Visits => Set<ScheduledVisit>();
    public DbSet<CalendarYear> Calendar => Set<CalendarYear>();
    public DbSet<MatterView> Matters => Set<MatterView>();
    public DbSet<InspectionFiling> Filings => Set<InspectionFiling>();
    public DbSet<EmergencyPreFiling> Emergencies => Set<EmergencyPreFiling>();
    public DbSet<Refusal> Refusals => Set<Refusal>();
    public DbSet<FilingNumber> FilingNumbers => Set<FilingNumber>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new EnterpriseViewConfiguration<EnterpriseWithQuietPeriods>());
        model.Entity<EnterpriseWithQuietPeriods>().OwnsMany(x => x.QuietPeriods, q => q.ToJson());
        model.Entity<ScheduledVisit>(e =>
        {
            e.ToTable("scheduled_visits");
            e.HasKey(x => x.JointId);
            e.Property(x => x.JointId).HasMaxLength(80);
            e.Property(x => x.Period).HasMaxLength(10);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.EnterpriseName).HasMaxLength(200);
            e.Property(x => x.LeadAgency).HasMaxLength(20);
            e.Property(x => x.Agencies).AsJsonList();
            e.Property(x => x.Matters).AsJsonList();
            e.HasIndex(x => x.LeadAgency);
        });
        model.Entity<CalendarYear>(e =>
        {
            e.ToTable("calendar_years");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
        });
        model.Entity<MatterView>(e =>
        {
            e.ToTable("matters");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        model.Entity<InspectionFiling>(e =>
        {
            e.ToTable("filings");
            e.HasKey(x => x.FilingNo);
            e.Property(x => x.FilingNo).HasMaxLength(40);
            e.Property(x => x.VerificationCode).HasMaxLength(13).IsFixedLength();
            e.HasIndex(x => x.VerificationCode).IsUnique();
            e.Property(x => x.JointId).HasMaxLength(80);
            // One filing per scheduled visit, enforced by the database.
            e.HasIndex(x => x.JointId).IsUnique().HasFilter("joint_id IS NOT NULL");
            e.Property(x => x.UnplannedReason).HasMaxLength(500);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.EnterpriseName).HasMaxLength(200);
            e.Property(x => x.LeadAgency).HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.FiledBy).HasMaxLength(200);
            e.Property(x => x.FiledVia).HasMaxLength(200);
            e.Property(x => x.StartedBy).HasMaxLength(200);
            e.Property(x => x.CompletedBy).HasMaxLength(200);
            e.Property(x => x.Agencies).AsJsonList();
            e.Property(x => x.Matters).AsJsonList();
            e.Property(x => x.Inspectors).AsJsonList();
            e.Property(x => x.Findings).AsJsonList();
            e.HasIndex(x => new { x.LeadAgency, x.FiledAt });
            e.HasIndex(x => x.CreditCode);
            e.Property(x => x.RequestKey).HasMaxLength(100);
            // One filing per agency system request, however often it is sent.
            e.HasIndex(x => new { x.LeadAgency, x.RequestKey }).IsUnique().HasFilter("request_key IS NOT NULL");
        });
        model.Entity<FilingNumber>(e =>
        {
            e.ToTable("filing_numbers");
            e.HasKey(x => new { x.Series, x.AgencyCode, x.Year });
            e.Property(x => x.Series).HasMaxLength(2);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
        });
        model.Entity<EmergencyPreFiling>(e =>
        {
            e.ToTable("emergency_pre_filings");
            e.HasKey(x => x.ProvisionalNo);
            e.Property(x => x.ProvisionalNo).HasMaxLength(40);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.EnterpriseName).HasMaxLength(200);
            e.Property(x => x.ApprovedBy).HasMaxLength(50);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.RecordedBy).HasMaxLength(200);
            e.Property(x => x.BackfilledBy).HasMaxLength(200);
            e.Property(x => x.Findings).HasMaxLength(4000);
            e.Property(x => x.Matters).AsJsonList();
            e.Property(x => x.Inspectors).AsJsonList();
            // The sweep's query: deadlines passed, not written, not yet raised.
            e.HasIndex(x => x.BackfillDeadline).HasFilter("backfilled_at IS NULL AND overdue_raised_at IS NULL");
        });
        model.Entity<Refusal>(e =>
        {
            e.ToTable("refusals");
            e.HasKey(x => x.Id);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.CodeShown).HasMaxLength(40);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.ReportedBy).HasMaxLength(200);
            e.HasIndex(x => x.CreditCode);
        });
        model.AddOutboxAndInbox().AddAuditTrail();
    }
}

sealed class FilingDbDesignTimeFactory : DesignTimeFactory<FilingDb>;
