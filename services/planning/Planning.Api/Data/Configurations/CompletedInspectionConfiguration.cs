namespace Planning.Api.Data.Configurations;

sealed class CompletedInspectionConfiguration : IEntityTypeConfiguration<CompletedInspection>
{
    public void Configure(EntityTypeBuilder<CompletedInspection> e)
    {
        e.ToTable("completed_inspections");
        e.HasKey(x => x.FilingNo);
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.JointId).HasMaxLength(80);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.LeadAgency).HasMaxLength(20);
        e.HasIndex(x => x.CreditCode);
    }
}
