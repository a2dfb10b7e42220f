namespace Planning.Api.Data.Configurations;

sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> e)
    {
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.ChangedBy).HasMaxLength(200);
        e.Property(x => x.Inspectors).AsJsonList().HasDefaultValueSql("'[]'::jsonb");
    }
}
