namespace Filing.Api.Data.Configurations;

sealed class ScheduledVisitConfiguration : IEntityTypeConfiguration<ScheduledVisit>
{
    public void Configure(EntityTypeBuilder<ScheduledVisit> e)
    {
        e.ToTable("scheduled_visits");
        e.HasKey(x => x.JointId);
        e.Property(x => x.JointId).HasMaxLength(80);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.EnterpriseName).HasMaxLength(200);
        e.Property(x => x.LeadAgency).HasMaxLength(20);
        e.Property(x => x.Agencies).AsJsonList();
        e.Property(x => x.Matters).AsJsonList();
        // Planning's reason (up to 500 characters) behind its own words for why the visit was cancelled.
        e.Property(x => x.CancellationReason).HasMaxLength(600);
        e.HasIndex(x => x.LeadAgency);
    }
}
