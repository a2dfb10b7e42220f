using ReadModels;

namespace Supervision.Api.Data;

public sealed class SupervisionDb(DbContextOptions<SupervisionDb> options) : DbContext(options)
{
    public DbSet<ParkEnterprise> Enterprises => Set<ParkEnterprise>();
    public DbSet<SupervisionCard> Cards => Set<SupervisionCard>();
    public DbSet<SupervisionCase> Cases => Set<SupervisionCase>();
    public DbSet<CaseNumber> CaseNumbers => Set<CaseNumber>();
    public DbSet<CaseHistoryEntry> History => Set<CaseHistoryEntry>();
    public DbSet<OverdueFlag> OverdueFlags => Set<OverdueFlag>();
    public DbSet<JointUnit> JointUnits => Set<JointUnit>();
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
        model.ApplyConfigurationsFromAssembly(typeof(SupervisionDb).Assembly)
            .ApplyConfiguration(new EnterpriseViewConfiguration<ParkEnterprise>())
            .AddOutboxAndInbox()
            .AddAuditTrail();
    }
}

sealed class SupervisionDbDesignTimeFactory : DesignTimeFactory<SupervisionDb>;
