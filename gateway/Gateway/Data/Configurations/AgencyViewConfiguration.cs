using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Data.Configurations;

sealed class AgencyViewConfiguration : IEntityTypeConfiguration<AgencyView>
{
    public void Configure(EntityTypeBuilder<AgencyView> e)
    {
        e.ToTable("agencies");
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(100);
    }
}
