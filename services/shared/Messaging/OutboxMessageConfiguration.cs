using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging;

sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("outbox_messages");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.HasIndex(x => x.MessageId).IsUnique();
        e.Property(x => x.MessageType).HasMaxLength(300);
        e.Property(x => x.Body).HasColumnType("jsonb");
        e.Property(x => x.TraceParent).HasMaxLength(64);
        e.Property(x => x.LastError).HasMaxLength(2000);
        // The relay's query: unsent rows that are due, oldest first.
        e.HasIndex(x => new { x.NextAttemptAt, x.Id }).HasFilter("sent_at IS NULL AND dead_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
    }
}
