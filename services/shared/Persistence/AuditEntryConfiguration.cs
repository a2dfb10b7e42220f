using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Persistence;

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_entries");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.Property(x => x.Actor).HasMaxLength(200);
        e.Property(x => x.Roles).HasMaxLength(200);
        e.Property(x => x.Client).HasMaxLength(200);
        e.Property(x => x.Address).HasMaxLength(64);
        e.Property(x => x.Via).HasMaxLength(300);
        e.Property(x => x.Changes).HasColumnType("jsonb");
        // Who asks "what did this message do" asks by its id.
        e.HasIndex(x => x.Messages).HasMethod("gin");
        e.HasIndex(x => x.At);
    }
}
