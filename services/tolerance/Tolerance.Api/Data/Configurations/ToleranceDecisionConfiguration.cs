namespace Tolerance.Api.Data.Configurations;

sealed class ToleranceDecisionConfiguration : IEntityTypeConfiguration<ToleranceDecision>
{
    public void Configure(EntityTypeBuilder<ToleranceDecision> e)
    {
        e.ToTable("decisions");
        e.HasKey(x => x.Id);
        // One standing decision per finding; those superseded by corrections are kept beside it.
        e.HasIndex(x => new { x.FilingNo, x.FindingIndex }).IsUnique().HasFilter($"status <> '{nameof(DecisionStatus.Superseded)}'");
        e.Property(x => x.CorrectionReason).HasMaxLength(4000);
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.MatterCode).HasMaxLength(40);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.ProposedKind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.ProposedOutcome).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.ProposalReasoning).HasMaxLength(8000);
        e.Property(x => x.Statement).HasMaxLength(4000);
        e.Property(x => x.StatedBy).HasMaxLength(200);
        e.Property(x => x.Answer).HasMaxLength(4000);
        e.Property(x => x.AnsweredBy).HasMaxLength(200);
        e.Property(x => x.ReviewOpinion).HasMaxLength(4000);
        e.Property(x => x.ReviewedBy).HasMaxLength(200);
        e.Property(x => x.ItemCode).HasMaxLength(40);
        e.Property(x => x.LegalBasis).HasMaxLength(1000);
        e.Property(x => x.Reasoning).HasMaxLength(16000);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Evaluations).AsJsonList();
        e.HasIndex(x => x.CreditCode);
        e.HasIndex(x => x.AgencyCode);
        e.Property(x => x.RectifiedBy).HasMaxLength(200);
        // The sweep's query: conditional decisions still waiting for their rectification.
        e.HasIndex(x => x.ConditionDeadline).HasFilter($"status = '{nameof(DecisionStatus.Active)}' AND rectified_at IS NULL AND condition_deadline IS NOT NULL");
    }
}
