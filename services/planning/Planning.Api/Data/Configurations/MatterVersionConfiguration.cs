namespace Planning.Api.Data.Configurations;

sealed class MatterVersionConfiguration : IEntityTypeConfiguration<MatterVersion>
{
    public void Configure(EntityTypeBuilder<MatterVersion> e)
    {
        e.ToTable("matter_versions");
        e.HasKey(x => new { x.Code, x.Version });
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.LegalBasis).HasMaxLength(1000);
        e.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ChangedBy).HasMaxLength(200);
    }
}
