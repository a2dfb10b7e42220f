using System.Text.Json;
using ServiceDefaults;
using Messaging;
using Persistence;
using Microsoft.EntityFrameworkCore;
using Planning.Domain.Consolidation;

namespace Planning.Api.Data;

public sealed class PlanningDb(DbContextOptions<PlanningDb> options) : DbContext(options)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new EnumNames() } };

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<MatterVersion> Matters => Set<MatterVersion>();
    public DbSet<CalendarYear> Calendar => Set<CalendarYear>();
    public DbSet<PlanDeclaration> Declarations => Set<PlanDeclaration>();
    public DbSet<ConsolidationRun> Consolidations => Set<ConsolidationRun>();
    public DbSet<Draw> Draws => Set<Draw>();
    public DbSet<CompletedInspection> CompletedInspections => Set<CompletedInspection>();

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
            e.Property(x => x.ChangedBy).HasMaxLength(200);
            e.Property(x => x.Revision).HasDefaultValue(1);
            e.OwnsMany(x => x.QuietPeriods, q => q.ToJson());
        });
        model.Entity<Agency>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.ChangedBy).HasMaxLength(200);
            e.Property(x => x.Inspectors).AsJsonList().HasDefaultValueSql("'[]'::jsonb");
        });
        model.Entity<Draw>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.Seed).HasMaxLength(200);
            e.Property(x => x.PoolHash).HasMaxLength(64);
            e.Property(x => x.AlgorithmVersion).HasMaxLength(20);
            e.Property(x => x.DrawnBy).HasMaxLength(200);
            e.Property(x => x.Inspectors).AsJsonList();
            e.Property(x => x.Roster).AsJsonList();
            e.Property(x => x.Recusals).AsJsonList();
        });
        model.Entity<MatterVersion>(e =>
        {
            e.ToTable("matter_versions");
            e.HasKey(x => new { x.Code, x.Version });
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.LegalBasis).HasMaxLength(1000);
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ChangedBy).HasMaxLength(200);
        });
        model.Entity<CalendarYear>(e =>
        {
            e.ToTable("calendar_years");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.ChangedBy).HasMaxLength(200);
        });
        model.Entity<PlanDeclaration>(e =>
        {
            e.ToTable("plan_declarations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(60);
            e.Property(x => x.Period).HasMaxLength(10);
            e.Property(x => x.AgencyCode).HasMaxLength(20);
            e.Property(x => x.MandateLevel).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Method).HasMaxLength(200);
            e.Property(x => x.DeclaredBy).HasMaxLength(200);
            e.Property(x => x.DeclaredVia).HasMaxLength(200);
            e.HasIndex(x => new { x.Period, x.AgencyCode });
        });
        model.Entity<ConsolidationRun>(e =>
        {
            e.ToTable("consolidation_runs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Period).HasMaxLength(10);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.AlgorithmVersion).HasMaxLength(40);
            e.Property(x => x.InputHash).HasMaxLength(64);
            e.Property(x => x.RanBy).HasMaxLength(200);
            e.Property(x => x.PublishedBy).HasMaxLength(200);
            e.Property(x => x.PinnedVisits).HasDefaultValueSql("'{}'::text[]");
            e.Property(x => x.Result).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                s => JsonSerializer.Deserialize<ConsolidationResult>(s, Json)!);
            e.HasIndex(x => x.Period);
            // At most one published plan per period, enforced by the database itself.
            e.HasIndex(x => x.Period).IsUnique().HasFilter($"status = '{nameof(ConsolidationStatus.Published)}'").HasDatabaseName("ix_consolidation_runs_published_period");
        });
        model.Entity<CompletedInspection>(e =>
        {
            e.ToTable("completed_inspections");
            e.HasKey(x => x.FilingNo);
            e.Property(x => x.FilingNo).HasMaxLength(40);
            e.Property(x => x.JointId).HasMaxLength(80);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.LeadAgency).HasMaxLength(20);
            e.HasIndex(x => x.CreditCode);
        });
        model.AddOutboxAndInbox().AddAuditTrail();
    }
}

sealed class PlanningDbDesignTimeFactory : DesignTimeFactory<PlanningDb>;
