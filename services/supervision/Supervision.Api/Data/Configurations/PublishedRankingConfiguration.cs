namespace Supervision.Api.Data.Configurations;

sealed class PublishedRankingConfiguration : IEntityTypeConfiguration<PublishedRanking>
{
    public void Configure(EntityTypeBuilder<PublishedRanking> e)
    {
        e.ToTable("rankings");
        e.HasKey(x => x.Period);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.PublishedBy).HasMaxLength(200);
        e.Property(x => x.Agencies).AsJsonList();
    }
}
