namespace Planning.Api.Data.Configurations;

sealed class SupplementConfiguration : IEntityTypeConfiguration<Supplement>
{
    public void Configure(EntityTypeBuilder<Supplement> e)
    {
        e.ToTable("supplements");
        e.HasKey(x => x.Id);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.RanBy).HasMaxLength(200);
        e.Property(x => x.PublishedBy).HasMaxLength(200);
        e.Property(x => x.Result).AsJson();
        // Supplement numbers of a period are given once each, by the database itself.
        e.HasIndex(x => new { x.Period, x.Number }).IsUnique().HasFilter("number IS NOT NULL");
    }
}
