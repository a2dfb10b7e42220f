namespace Supervision.Api.Data.Configurations;

sealed class CaseNumberConfiguration : IEntityTypeConfiguration<CaseNumber>
{
    public void Configure(EntityTypeBuilder<CaseNumber> e)
    {
        e.ToTable("case_numbers");
        e.HasKey(x => x.Year);
        e.Property(x => x.Year).ValueGeneratedNever();
    }
}
