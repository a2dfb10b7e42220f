namespace Filing.Api.Data.Configurations;

sealed class FilingNumberConfiguration : IEntityTypeConfiguration<FilingNumber>
{
    public void Configure(EntityTypeBuilder<FilingNumber> e)
    {
        e.ToTable("filing_numbers");
        e.HasKey(x => new { x.Series, x.AgencyCode, x.Year });
        e.Property(x => x.Series).HasMaxLength(2);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
    }
}
