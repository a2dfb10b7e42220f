using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Data.Configurations;

sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> e)
    {
        e.ToTable("one_time_codes");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.Hash).IsUnique();
        e.HasIndex(x => new { x.Purpose, x.UserName });
        e.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.UserName).HasMaxLength(64);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.IssuedBy).HasMaxLength(200);
        e.Property(x => x.UsedBy).HasMaxLength(200);
        e.Property(x => x.Version).IsRowVersion();
    }
}
