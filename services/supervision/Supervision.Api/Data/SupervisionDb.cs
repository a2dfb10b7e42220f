using Messaging;
using Persistence;
using ReadModels;
using Microsoft.EntityFrameworkCore;

namespace Supervision.Api.Data;

public sealed class SupervisionDb(DbContextOptions<SupervisionDb> options) : DbContext(options)
{
    public DbSet<EnterpriseView> Enterprises => Set<EnterpriseView>();
    public DbSet<SupervisionCard> Cards => Set<SupervisionCard>();
    public DbSet<SupervisionCase> Cases => Set<SupervisionCase>();
    public DbSet<CaseHistoryEntry> History => Set<CaseHistoryEntry>();
    public DbSet<OverdueFlag> OverdueFlags => Set<OverdueFlag>();
    public DbSet<RetaliationFlag> RetaliationFlags => Set<RetaliationFlag>();
    public DbSet<InspectionView> Inspections => Set<InspectionView>();
    public DbSet<DecisionView> Decisions => Set<DecisionView>();
    public DbSet<PlanView> Plans => Set<PlanView>();
    public DbSet<EmergencyView> Emergencies => Set<EmergencyView>();
    public DbSet<KnownAgency> Agencies => Set<KnownAgency>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<PublishedRanking> Rankings => Set<PublishedRanking>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasSequence<long>("case_numbers");
        model.ApplyConfiguration(new EnterpriseViewConfiguration<EnterpriseView>());
        model.Entity<SupervisionCard>(e =>
        {
            e.ToTable("cards");
            e.HasKey(x => x.Id);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.SubmitterCreditCode).HasMaxLength(18);
            e.Property(x => x.SubmitterName).HasMaxLength(200);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.FilingNo).HasMaxLength(40);
            e.Property(x => x.ProvisionalNo).HasMaxLength(40);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.SubmittedBy).HasMaxLength(200);
            e.Property(x => x.SubmittedVia).HasMaxLength(200);
            e.Property(x => x.SourceReference).HasMaxLength(80);
            e.HasIndex(x => new { x.Source, x.SourceReference }).IsUnique().HasFilter("source_reference IS NOT NULL");
            e.HasIndex(x => new { x.SubmitterCreditCode, x.AgencyCode });
        });
        model.Entity<SupervisionCase>(e =>
        {
            e.ToTable("cases");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CaseNo).IsUnique();
            e.Property(x => x.CaseNo).HasMaxLength(30);
            e.HasOne(x => x.Card).WithOne().HasForeignKey<SupervisionCase>(x => x.CardId);
            e.HasIndex(x => x.CardId).IsUnique();
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.AssignedTo).HasMaxLength(20);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.CaseId);
            e.HasIndex(x => x.State);
        });
        model.Entity<CaseHistoryEntry>(e =>
        {
            e.ToTable("case_history");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.HasIndex(x => new { x.CaseId, x.Sequence }).IsUnique();
            e.Property(x => x.Action).HasMaxLength(30);
            e.Property(x => x.From).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.To).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.ActorRole).HasMaxLength(30);
            e.Property(x => x.ActorId).HasMaxLength(200);
            e.Property(x => x.ActorClient).HasMaxLength(200);
            e.Property(x => x.ActorAddress).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(4000);
            e.Property(x => x.AssignedTo).HasMaxLength(20);
        });
        model.Entity<OverdueFlag>(e =>
        {
            e.ToTable("overdue_flags");
            e.HasKey(x => new { x.CaseId, x.Reason, x.Reference });
            e.Property(x => x.Reason).HasConversion<string>().HasMaxLength(30);
        });
        model.Entity<RetaliationFlag>(e =>
        {
            e.ToTable("retaliation_flags");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CaseId, x.Reference }).IsUnique();
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Reference).HasMaxLength(60);
        });
        model.Entity<InspectionView>(e =>
        {
            e.ToTable("inspections");
            e.HasKey(x => x.FilingNo);
            e.Property(x => x.FilingNo).HasMaxLength(40);
            e.Property(x => x.JointId).HasMaxLength(60);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.LeadAgency).HasMaxLength(20);
            e.Property(x => x.Agencies).AsJsonList();
            e.HasIndex(x => x.CompletedAt);
            e.HasIndex(x => x.CreditCode);
        });
        model.Entity<DecisionView>(e =>
        {
            e.ToTable("decisions");
            e.HasKey(x => x.DecisionId);
            e.Property(x => x.FilingNo).HasMaxLength(40);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(x => x.FilingNo);
            e.HasIndex(x => x.DecidedAt);
        });
        model.Entity<PlanView>(e =>
        {
            e.ToTable("plans");
            e.HasKey(x => x.Period);
            e.Property(x => x.Period).HasMaxLength(10);
        });
        model.Entity<EmergencyView>(e =>
        {
            e.ToTable("emergencies");
            e.HasKey(x => x.ProvisionalNo);
            e.Property(x => x.ProvisionalNo).HasMaxLength(40);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.CreditCode).HasMaxLength(18);
        });
        model.Entity<KnownAgency>(e =>
        {
            e.ToTable("agencies");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(20);
        });
        model.Entity<Evaluation>(e =>
        {
            e.ToTable("evaluations");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.FilingNo).IsUnique();
            e.Property(x => x.FilingNo).HasMaxLength(40);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Comment).HasMaxLength(500);
            e.Property(x => x.RatedBy).HasMaxLength(200);
            e.Ignore(x => x.Score);
        });
        model.Entity<PublishedRanking>(e =>
        {
            e.ToTable("rankings");
            e.HasKey(x => x.Period);
            e.Property(x => x.Period).HasMaxLength(10);
            e.Property(x => x.PublishedBy).HasMaxLength(200);
            e.Property(x => x.Agencies).AsJsonList();
        });
        model.AddOutboxAndInbox().AddAuditTrail();
    }
}

sealed class SupervisionDbDesignTimeFactory : DesignTimeFactory<SupervisionDb>;
