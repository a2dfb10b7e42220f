namespace Planning.Api.Data.Configurations;

sealed class CancelledFilingConfiguration : IEntityTypeConfiguration<CancelledFiling>
{
    public void Configure(EntityTypeBuilder<CancelledFiling> e)
    {
        e.ToTable("cancelled_filings");
        e.HasKey(x => x.FilingNo);
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.JointId).HasMaxLength(80);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.LeadAgency).HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.HasIndex(x => x.CreditCode);
    }
}
