using ReadModels;

namespace Filing.Api.Data.Configurations;

/// <summary>The registry's enterprises as every read model keeps them, with filing's own quiet periods and leaving the park.</summary>
sealed class EnterpriseWithQuietPeriodsConfiguration : IEntityTypeConfiguration<EnterpriseWithQuietPeriods>
{
    public void Configure(EntityTypeBuilder<EnterpriseWithQuietPeriods> e)
    {
        new EnterpriseViewConfiguration<EnterpriseWithQuietPeriods>().Configure(e);
        e.OwnsMany(x => x.QuietPeriods, q => q.ToJson());
        e.Property(x => x.LeftReason).HasMaxLength(500);
    }
}
