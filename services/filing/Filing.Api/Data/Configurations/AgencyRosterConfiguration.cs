namespace Filing.Api.Data.Configurations;

sealed class AgencyRosterConfiguration : IEntityTypeConfiguration<AgencyRoster>
{
    public void Configure(EntityTypeBuilder<AgencyRoster> e)
    {
        e.ToTable("agency_rosters");
        e.HasKey(x => x.AgencyCode);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Inspectors).AsJsonList();
    }
}
