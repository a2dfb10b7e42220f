using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Filing.Api.Data.Configurations;

sealed class EnterpriseViewConfiguration : IEntityTypeConfiguration<EnterpriseView>
{
    public void Configure(EntityTypeBuilder<EnterpriseView> e)
    {
        e.ToTable("enterprises");
        e.HasKey(x => x.CreditCode);
        e.Property(x => x.CreditCode).HasMaxLength(18).IsFixedLength();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Zone).HasMaxLength(100);
        e.Property(x => x.Industry).HasMaxLength(100);
        e.OwnsMany(x => x.QuietPeriods, q => q.ToJson());
    }
}
