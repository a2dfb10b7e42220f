namespace Planning.Api.Data.Configurations;

sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> e)
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
        e.Property(x => x.LeftReason).HasMaxLength(500);
        e.OwnsMany(x => x.QuietPeriods, q => q.ToJson());
    }
}
