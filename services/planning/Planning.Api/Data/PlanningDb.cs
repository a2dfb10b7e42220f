namespace Planning.Api.Data;

public sealed class PlanningDb(DbContextOptions<PlanningDb> options) : DbContext(options)
{
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<MatterVersion> Matters => Set<MatterVersion>();
    public DbSet<CalendarYear> Calendar => Set<CalendarYear>();
    public DbSet<PlanDeclaration> Declarations => Set<PlanDeclaration>();
    public DbSet<DeclarationDeadline> DeclarationDeadlines => Set<DeclarationDeadline>();
    public DbSet<Cancellation> Cancellations => Set<Cancellation>();
    public DbSet<Supplement> Supplements => Set<Supplement>();
    public DbSet<CancelledVisit> CancelledVisits => Set<CancelledVisit>();
    public DbSet<ConsolidationRun> Consolidations => Set<ConsolidationRun>();
    public DbSet<Draw> Draws => Set<Draw>();
    public DbSet<DrawCommitment> DrawCommitments => Set<DrawCommitment>();
    public DbSet<CompletedInspection> CompletedInspections => Set<CompletedInspection>();
    public DbSet<CancelledFiling> CancelledFilings => Set<CancelledFiling>();

    protected override void OnModelCreating(ModelBuilder model) => model
        .ApplyConfigurationsFromAssembly(typeof(PlanningDb).Assembly)
        .AddOutboxAndInbox()
        .AddAuditTrail();
}

sealed class PlanningDbDesignTimeFactory : DesignTimeFactory<PlanningDb>;
