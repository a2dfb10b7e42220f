namespace Filing.Api.Data.Configurations;

sealed class EmergencyPreFilingConfiguration : IEntityTypeConfiguration<EmergencyPreFiling>
{
    public void Configure(EntityTypeBuilder<EmergencyPreFiling> e)
    {
        e.ToTable("emergency_pre_filings");
        e.HasKey(x => x.ProvisionalNo);
        e.Property(x => x.ProvisionalNo).HasMaxLength(40);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.EnterpriseName).HasMaxLength(200);
        e.Property(x => x.ApprovedBy).HasMaxLength(50);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.RecordedBy).HasMaxLength(200);
        e.Property(x => x.BackfilledBy).HasMaxLength(200);
        e.Property(x => x.Findings).HasMaxLength(4000);
        e.Property(x => x.Matters).AsJsonList();
        e.Property(x => x.Inspectors).AsJsonList();
        e.Property(x => x.WithdrawnBy).HasMaxLength(200);
        e.HasIndex(x => x.CalendarMissingFor).HasFilter("calendar_missing_for IS NOT NULL");
        e.Property(x => x.WithdrawalReason).HasMaxLength(500);
        // The office's look-up when an enterprise phones: by enterprise or agency, newest first.
        e.HasIndex(x => new { x.CreditCode, x.ApprovedAt });
        e.HasIndex(x => new { x.AgencyCode, x.ApprovedAt });
        // The sweep's query: deadlines passed, not written, not yet raised.
        e.HasIndex(x => x.BackfillDeadline).HasFilter("backfilled_at IS NULL AND overdue_raised_at IS NULL AND withdrawn_at IS NULL");
    }
}
