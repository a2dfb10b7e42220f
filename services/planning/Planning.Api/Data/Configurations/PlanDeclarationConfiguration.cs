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
        // Declarations made before they could be withdrawn are declared, in their first revision.
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20).HasDefaultValue(DeclarationStatus.Declared).HasSentinel(DeclarationStatus.Declared);
        e.Property(x => x.Revision).HasDefaultValue(1);
        e.Property(x => x.EarlierRevisions).AsJsonList().HasDefaultValueSql("'[]'::jsonb");
        e.Property(x => x.AmendedBy).HasMaxLength(200);
        e.Property(x => x.WithdrawnBy).HasMaxLength(200);
        e.Property(x => x.WithdrawalReason).HasMaxLength(500);
        e.Property(x => x.PublishedIn).AsJson();
        e.Property(x => x.RowVersion).IsRowVersion();
        e.HasIndex(x => new { x.Period, x.AgencyCode });
    }
}
