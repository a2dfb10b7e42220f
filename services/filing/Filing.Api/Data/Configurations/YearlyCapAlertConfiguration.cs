namespace Filing.Api.Data.Configurations;

sealed class YearlyCapAlertConfiguration : IEntityTypeConfiguration<YearlyCapAlert>
{
    public void Configure(EntityTypeBuilder<YearlyCapAlert> e)
    {
        e.ToTable("yearly_cap_alerts");
        // One alert per filing: a reschedule into another year over its cap raises it then, if not raised at filing.
        e.HasKey(x => x.FilingNo);
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.EnterpriseName).HasMaxLength(200);
        e.Property(x => x.LeadAgency).HasMaxLength(20);
        e.HasIndex(x => new { x.RaisedAt, x.FilingNo });
    }
}
