using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReadModels;

/// <summary>The <c>enterprises</c> table, the same in every service's own database. A service whose
/// copy keeps more configures its extra columns on the same entity.</summary>
public sealed class EnterpriseViewConfiguration<TView> : IEntityTypeConfiguration<TView> where TView : EnterpriseView
{
    public void Configure(EntityTypeBuilder<TView> e)
    {
        e.ToTable("enterprises");
        e.HasKey(x => x.CreditCode);
        e.Property(x => x.CreditCode).HasMaxLength(18).IsFixedLength();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Zone).HasMaxLength(100);
        e.Property(x => x.Industry).HasMaxLength(100);
    }
}
