namespace Filing.Api.Data.Configurations;

sealed class InspectionFilingConfiguration : IEntityTypeConfiguration<InspectionFiling>
{
    public void Configure(EntityTypeBuilder<InspectionFiling> e)
    {
        e.ToTable("filings");
        e.HasKey(x => x.FilingNo);
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.VerificationCode).HasMaxLength(13).IsFixedLength();
        e.HasIndex(x => x.VerificationCode).IsUnique();
        e.Property(x => x.JointId).HasMaxLength(80);
        // One filing in force per scheduled visit, enforced by the database: a cancelled one leaves the visit to be filed again.
        e.HasIndex(x => x.JointId).IsUnique().HasFilter("joint_id IS NOT NULL AND status <> 'Revoked'");
        e.Property(x => x.UnplannedReason).HasMaxLength(500);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.EnterpriseName).HasMaxLength(200);
        e.Property(x => x.LeadAgency).HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.FiledBy).HasMaxLength(200);
        e.Property(x => x.FiledVia).HasMaxLength(200);
        e.Property(x => x.StartedBy).HasMaxLength(200);
        e.Property(x => x.CompletedBy).HasMaxLength(200);
        e.Property(x => x.Agencies).AsJsonList();
        e.Property(x => x.Matters).AsJsonList();
        e.Property(x => x.Inspectors).AsJsonList();
        e.Property(x => x.Confirmations).AsJsonList().HasDefaultValueSql("'[]'::jsonb");
        e.Property(x => x.Findings).AsJsonList();
        e.Property(x => x.Reschedules).AsJsonList().HasDefaultValueSql("'[]'::jsonb");
        e.Property(x => x.CancelledBy).HasMaxLength(200);
        // An agency's reason is at most 500 characters; a cancellation by planning carries its visit's reason.
        e.Property(x => x.CancellationReason).HasMaxLength(600);
        // The office's list of cancellations, newest first.
        e.HasIndex(x => new { x.CancelledAt, x.FilingNo }).HasFilter("cancelled_at IS NOT NULL");
        e.HasIndex(x => new { x.LeadAgency, x.FiledAt });
        e.HasIndex(x => x.CreditCode);
        e.Property(x => x.RequestKey).HasMaxLength(100);
        // One filing per agency system request, however often it is sent.
        e.HasIndex(x => new { x.LeadAgency, x.RequestKey }).IsUnique().HasFilter("request_key IS NOT NULL");
    }
}
