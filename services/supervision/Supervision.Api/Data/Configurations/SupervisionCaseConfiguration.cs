namespace Supervision.Api.Data.Configurations;

sealed class SupervisionCaseConfiguration : IEntityTypeConfiguration<SupervisionCase>
{
    public void Configure(EntityTypeBuilder<SupervisionCase> e)
    {
        e.ToTable("cases");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.CaseNo).IsUnique();
        e.Property(x => x.CaseNo).HasMaxLength(30);
        e.HasOne(x => x.Card).WithOne().HasForeignKey<SupervisionCase>(x => x.CardId);
        e.HasIndex(x => x.CardId).IsUnique();
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.AssignedTo).HasMaxLength(20);
        e.Property(x => x.ForwardedSummary).HasMaxLength(2000);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.CaseId);
        e.HasMany(x => x.JointUnits).WithOne().HasForeignKey(x => x.CaseId);
        e.HasIndex(x => x.State);
        e.HasIndex(x => x.MergedInto);
    }
}
