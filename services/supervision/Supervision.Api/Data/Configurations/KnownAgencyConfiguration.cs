namespace Supervision.Api.Data.Configurations;

sealed class KnownAgencyConfiguration : IEntityTypeConfiguration<KnownAgency>
{
    public void Configure(EntityTypeBuilder<KnownAgency> e)
    {
        e.ToTable("agencies");
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(20);
    }
}
