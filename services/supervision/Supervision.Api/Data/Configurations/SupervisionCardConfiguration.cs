namespace Supervision.Api.Data.Configurations;

sealed class SupervisionCardConfiguration : IEntityTypeConfiguration<SupervisionCard>
{
    public void Configure(EntityTypeBuilder<SupervisionCard> e)
    {
        e.ToTable("cards");
        e.HasKey(x => x.Id);
        // A card is kept as it was submitted.
        e.IsAppendOnly();
        e.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.SubmitterCreditCode).HasMaxLength(18).IsPersonal();
        e.Property(x => x.SubmitterName).HasMaxLength(200).IsPersonal();
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.ProvisionalNo).HasMaxLength(40);
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.SubmittedBy).HasMaxLength(200).IsPersonal();
        e.Property(x => x.SubmittedVia).HasMaxLength(200);
        e.Property(x => x.SourceReference).HasMaxLength(80);
        e.HasIndex(x => new { x.Source, x.SourceReference }).IsUnique().HasFilter("source_reference IS NOT NULL");
        e.HasIndex(x => new { x.SubmitterCreditCode, x.AgencyCode });
    }
}
