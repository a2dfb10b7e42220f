namespace Tolerance.Api.Data.Configurations;

sealed class LedgerFindingConfiguration : IEntityTypeConfiguration<LedgerFinding>
{
    public void Configure(EntityTypeBuilder<LedgerFinding> e)
    {
        e.ToTable("ledger_findings");
        e.HasKey(x => new { x.FilingNo, x.FindingIndex });
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.MatterCode).HasMaxLength(40);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.HasIndex(x => new { x.CreditCode, x.MatterCode, x.FoundOn });
    }
}
