namespace Supervision.Api.Data.Configurations;

sealed class JointUnitConfiguration : IEntityTypeConfiguration<JointUnit>
{
    public void Configure(EntityTypeBuilder<JointUnit> e)
    {
        e.ToTable("joint_units");
        e.HasKey(x => new { x.CaseId, x.AgencyCode });
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.HasIndex(x => x.AgencyCode);
    }
}
