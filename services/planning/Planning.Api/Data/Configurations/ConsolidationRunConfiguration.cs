namespace Planning.Api.Data.Configurations;

sealed class ConsolidationRunConfiguration : IEntityTypeConfiguration<ConsolidationRun>
{
    public void Configure(EntityTypeBuilder<ConsolidationRun> e)
    {
        e.ToTable("consolidation_runs");
        e.HasKey(x => x.Id);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        // Runs published before the office could choose showed the day.
        e.Property(x => x.PublicDetail).HasConversion<string>().HasMaxLength(10).HasDefaultValue(PlanDetail.Day).HasSentinel(PlanDetail.Day);
        e.Property(x => x.AlgorithmVersion).HasMaxLength(40);
        e.Property(x => x.InputHash).HasMaxLength(64);
        e.Property(x => x.RanBy).HasMaxLength(200);
        e.Property(x => x.PublishedBy).HasMaxLength(200);
        e.Property(x => x.PinnedVisits).HasDefaultValueSql("'{}'::text[]");
        e.Property(x => x.Result).AsJson();
        // At most one published plan per period, enforced by the database itself.
        e.HasIndex(x => x.Period).IsUnique().HasFilter($"status = '{nameof(ConsolidationStatus.Published)}'").HasDatabaseName("ix_consolidation_runs_published_period");
    }
}
