namespace Tolerance.Api.Data.Configurations;

sealed class ToleranceListVersionConfiguration : IEntityTypeConfiguration<ToleranceListVersion>
{
    public void Configure(EntityTypeBuilder<ToleranceListVersion> e)
    {
        e.ToTable("tolerance_lists");
        e.HasKey(x => x.Version);
        e.Property(x => x.Version).ValueGeneratedNever();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ChangedBy).HasMaxLength(200);
        e.Property(x => x.Items).AsJsonList();
    }
}
