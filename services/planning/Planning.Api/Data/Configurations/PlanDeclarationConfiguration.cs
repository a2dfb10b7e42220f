namespace Planning.Api.Data.Configurations;

sealed class PlanDeclarationConfiguration : IEntityTypeConfiguration<PlanDeclaration>
{
    public void Configure(EntityTypeBuilder<PlanDeclaration> e)
    {
        e.ToTable("plan_declarations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(60);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.MandateLevel).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Category).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Method).HasMaxLength(200);
        e.Property(x => x.DeclaredBy).HasMaxLength(200);
        e.Property(x => x.DeclaredVia).HasMaxLength(200);
        e.HasIndex(x => new { x.Period, x.AgencyCode });
    }
}
