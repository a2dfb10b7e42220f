namespace Planning.Api.Data.Configurations;

sealed class DrawConfiguration : IEntityTypeConfiguration<Draw>
{
    public void Configure(EntityTypeBuilder<Draw> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.Period).HasMaxLength(7);
        e.Property(x => x.MatterCodes).AsJsonList();
        e.Property(x => x.Purpose).HasMaxLength(2000);
        e.Property(x => x.Reason).HasMaxLength(500);
        // Two draws at once for one purpose cannot both be its first.
        e.HasIndex(x => new { x.AgencyCode, x.Period, x.Purpose, x.Number }).IsUnique();
        e.Property(x => x.Seed).HasMaxLength(200);
        e.Property(x => x.PoolHash).HasMaxLength(64);
        e.Property(x => x.AlgorithmVersion).HasMaxLength(20);
        e.Property(x => x.DrawnBy).HasMaxLength(200);
        e.Property(x => x.Inspectors).AsJsonList();
        e.Property(x => x.Roster).AsJsonList();
        e.Property(x => x.Recusals).AsJsonList();
    }
}
