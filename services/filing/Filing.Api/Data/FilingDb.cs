using ReadModels;

namespace Filing.Api.Data;

public sealed class FilingDb(DbContextOptions<FilingDb> options) : DbContext(options)
{
    public DbSet<EnterpriseWithQuietPeriods> Enterprises => Set<EnterpriseWithQuietPeriods>();
    public DbSet<ScheduledVisit> Visits => Set<ScheduledVisit>();
    public DbSet<AgencyRoster> Rosters => Set<AgencyRoster>();
    public DbSet<CalendarYear> Calendar => Set<CalendarYear>();
    public DbSet<MatterView> Matters => Set<MatterView>();
    public DbSet<InspectionFiling> Filings => Set<InspectionFiling>();
    public DbSet<EmergencyPreFiling> Emergencies => Set<EmergencyPreFiling>();
    public DbSet<Refusal> Refusals => Set<Refusal>();
    public DbSet<FilingNumber> FilingNumbers => Set<FilingNumber>();
    public DbSet<YearlyCapAlert> YearlyCapAlerts => Set<YearlyCapAlert>();

    protected override void OnModelCreating(ModelBuilder model) => model
        .ApplyConfigurationsFromAssembly(typeof(FilingDb).Assembly)
        .AddOutboxAndInbox()
        .AddAuditTrail();
}

sealed class FilingDbDesignTimeFactory : DesignTimeFactory<FilingDb>;
