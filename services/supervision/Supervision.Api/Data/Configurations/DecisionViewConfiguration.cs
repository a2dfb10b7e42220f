namespace Supervision.Api.Data.Configurations;

sealed class DecisionViewConfiguration : IEntityTypeConfiguration<DecisionView>
{
    public void Configure(EntityTypeBuilder<DecisionView> e)
    {
        e.ToTable("decisions");
        e.HasKey(x => x.DecisionId);
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(x => x.FilingNo);
        e.HasIndex(x => x.DecidedAt);
    }
}
