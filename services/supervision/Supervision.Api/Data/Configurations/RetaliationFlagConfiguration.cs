namespace Supervision.Api.Data.Configurations;

sealed class RetaliationFlagConfiguration : IEntityTypeConfiguration<RetaliationFlag>
{
    public void Configure(EntityTypeBuilder<RetaliationFlag> e)
    {
        e.ToTable("retaliation_flags");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.CaseId, x.Reference }).IsUnique();
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reference).HasMaxLength(60);
    }
}
