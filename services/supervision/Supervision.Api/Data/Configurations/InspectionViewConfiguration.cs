namespace Supervision.Api.Data.Configurations;

sealed class InspectionViewConfiguration : IEntityTypeConfiguration<InspectionView>
{
    public void Configure(EntityTypeBuilder<InspectionView> e)
    {
        e.ToTable("inspections");
        e.HasKey(x => x.FilingNo);
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.JointId).HasMaxLength(60);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.LeadAgency).HasMaxLength(20);
        e.Property(x => x.Agencies).AsJsonList();
        e.HasIndex(x => x.CompletedAt);
        e.HasIndex(x => x.CreditCode);
    }
}
