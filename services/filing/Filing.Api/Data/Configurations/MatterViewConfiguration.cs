namespace Filing.Api.Data.Configurations;

sealed class MatterViewConfiguration : IEntityTypeConfiguration<MatterView>
{
    public void Configure(EntityTypeBuilder<MatterView> e)
    {
        e.ToTable("matters");
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(200);
    }
}
