namespace Planning.Api.Data.Configurations;

sealed class CancelledVisitConfiguration : IEntityTypeConfiguration<CancelledVisit>
{
    public void Configure(EntityTypeBuilder<CancelledVisit> e)
    {
        e.ToTable("cancelled_visits");
        e.HasKey(x => x.JointId);
        e.Property(x => x.JointId).HasMaxLength(80);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.CancelledBy).HasMaxLength(200);
        e.HasIndex(x => x.Period);
    }
}
