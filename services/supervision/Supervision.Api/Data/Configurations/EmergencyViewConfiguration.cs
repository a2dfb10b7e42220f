namespace Supervision.Api.Data.Configurations;

sealed class EmergencyViewConfiguration : IEntityTypeConfiguration<EmergencyView>
{
    public void Configure(EntityTypeBuilder<EmergencyView> e)
    {
        e.ToTable("emergencies");
        e.HasKey(x => x.ProvisionalNo);
        e.Property(x => x.ProvisionalNo).HasMaxLength(40);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.CreditCode).HasMaxLength(18);
    }
}
