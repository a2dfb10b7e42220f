using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging;

sealed class ParkedMessageConfiguration : IEntityTypeConfiguration<ParkedMessage>
{
    public void Configure(EntityTypeBuilder<ParkedMessage> e)
    {
        e.ToTable("parked_messages");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        // One row per message and consumer: a redelivery that fails again counts on the same row.
        e.HasIndex(x => new { x.MessageId, x.Queue }).IsUnique();
        e.Property(x => x.Queue).HasMaxLength(200);
        e.Property(x => x.MessageType).HasMaxLength(300);
        e.Property(x => x.Body).HasColumnType("jsonb");
        e.Property(x => x.Error).HasMaxLength(2000);
        // The redelivery's query: live rows that are due.
        e.HasIndex(x => new { x.NextAttemptAt, x.Id }).HasFilter("dead_at IS NULL").HasDatabaseName("ix_parked_messages_due");
    }
}
