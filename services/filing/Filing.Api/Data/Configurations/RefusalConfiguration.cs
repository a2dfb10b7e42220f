namespace Filing.Api.Data.Configurations;

sealed class RefusalConfiguration : IEntityTypeConfiguration<Refusal>
{
    public void Configure(EntityTypeBuilder<Refusal> e)
    {
        e.ToTable("refusals");
        e.HasKey(x => x.Id);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.CodeShown).HasMaxLength(40);
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.ReportedBy).HasMaxLength(200);
        e.HasIndex(x => x.CreditCode);
    }
}
