using Microsoft.EntityFrameworkCore;

namespace Messaging;

public static class MessagingModel
{
    /// <summary>Adds the outbox and inbox tables to a service's own model, so they live in its own
    /// database and share its transactions.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
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
        });
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox_messages");
            e.HasKey(x => new { x.MessageId, x.Consumer });
            e.Property(x => x.Consumer).HasMaxLength(200);
            // The pruning's query: rows older than the retention.
            e.HasIndex(x => x.HandledAt);
        });
        return model;
    }

    /// <summary>Stages an integration event in the outbox of <paramref name="db"/>; it is written
    /// by the caller's SaveChanges, in the caller's transaction, or not at all.</summary>
    public static void EnqueueEvent(this DbContext db, object integrationEvent, TimeProvider clock) =>
        db.Add(OutboxMessage.From(integrationEvent, clock.GetUtcNow()));
}
