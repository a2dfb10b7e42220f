namespace Supervision.Api.Data.Configurations;

sealed class PlanViewConfiguration : IEntityTypeConfiguration<PlanView>
{
    public void Configure(EntityTypeBuilder<PlanView> e)
    {
        e.ToTable("plans");
        e.HasKey(x => x.Period);
        e.Property(x => x.Period).HasMaxLength(10);
    }
}
