namespace Supervision.Api.Data.Configurations;

sealed class OverdueFlagConfiguration : IEntityTypeConfiguration<OverdueFlag>
{
    public void Configure(EntityTypeBuilder<OverdueFlag> e)
    {
        e.ToTable("overdue_flags");
        e.HasKey(x => new { x.CaseId, x.Reason, x.Unit, x.Reference });
        e.Property(x => x.Unit).HasMaxLength(20);
        e.Property(x => x.Reason).HasConversion<string>().HasMaxLength(30);
    }
}
