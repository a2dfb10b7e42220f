namespace Planning.Api.Data.Configurations;

sealed class DrawCommitmentConfiguration : IEntityTypeConfiguration<DrawCommitment>
{
    public void Configure(EntityTypeBuilder<DrawCommitment> e)
    {
        e.HasKey(x => x.Period);
        e.Property(x => x.Period).HasMaxLength(7);
        e.Property(x => x.KeyId).HasMaxLength(16);
        e.Property(x => x.Commitment).HasMaxLength(64);
        e.Property(x => x.PublishedBy).HasMaxLength(200);
    }
}
