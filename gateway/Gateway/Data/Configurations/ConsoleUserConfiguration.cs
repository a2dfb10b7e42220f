using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Data.Configurations;

sealed class ConsoleUserConfiguration : IEntityTypeConfiguration<ConsoleUser>
{
    public void Configure(EntityTypeBuilder<ConsoleUser> e)
    {
        e.ToTable("console_users");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.UserName).IsUnique();
        e.Property(x => x.UserName).HasMaxLength(64);
        e.Property(x => x.DisplayName).HasMaxLength(100);
        e.Property(x => x.PasswordHash).HasMaxLength(200);
        e.Property(x => x.Role).HasMaxLength(20);
        e.Property(x => x.AgencyCode).HasMaxLength(20);
        e.Property(x => x.CreditCode).HasMaxLength(18);
    }
}
