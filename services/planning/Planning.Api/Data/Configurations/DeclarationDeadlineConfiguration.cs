namespace Planning.Api.Data.Configurations;

sealed class DeclarationDeadlineConfiguration : IEntityTypeConfiguration<DeclarationDeadline>
{
    public void Configure(EntityTypeBuilder<DeclarationDeadline> e)
    {
        e.ToTable("declaration_deadlines");
        e.HasKey(x => x.Period);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.SetBy).HasMaxLength(200);
    }
}
