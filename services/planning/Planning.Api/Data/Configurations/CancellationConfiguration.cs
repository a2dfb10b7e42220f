namespace Planning.Api.Data.Configurations;

sealed class CancellationConfiguration : IEntityTypeConfiguration<Cancellation>
{
    public void Configure(EntityTypeBuilder<Cancellation> e)
    {
        e.ToTable("cancellations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.DeclarationId).HasMaxLength(60);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.MatterCode).HasMaxLength(40);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.CancelledBy).HasMaxLength(200);
        // An item is cancelled once.
        e.HasIndex(x => new { x.DeclarationId, x.MatterCode, x.CreditCode }).IsUnique();
        e.HasIndex(x => x.Period);
    }
}
