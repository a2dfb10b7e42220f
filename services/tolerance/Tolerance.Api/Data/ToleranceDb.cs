using ReadModels;

namespace Tolerance.Api.Data;

public sealed class ToleranceDb(DbContextOptions<ToleranceDb> options) : DbContext(options)
{
    public DbSet<EnterpriseView> Enterprises => Set<EnterpriseView>();
    public DbSet<ToleranceListVersion> Lists => Set<ToleranceListVersion>();
    public DbSet<LedgerFinding> Ledger => Set<LedgerFinding>();
    public DbSet<ToleranceDecision> Decisions => Set<ToleranceDecision>();
    public DbSet<CalendarYear> Calendar => Set<CalendarYear>();

    protected override void OnModelCreating(ModelBuilder model) => model
        .ApplyConfigurationsFromAssembly(typeof(ToleranceDb).Assembly)
        .ApplyConfiguration(new EnterpriseViewConfiguration<EnterpriseView>())
        .AddOutboxAndInbox()
        .AddAuditTrail();
}

sealed class ToleranceDbDesignTimeFactory : DesignTimeFactory<ToleranceDb>;
