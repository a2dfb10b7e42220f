using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging;

sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> e)
    {
        e.ToTable("inbox_messages");
        e.HasKey(x => new { x.MessageId, x.Consumer });
        e.Property(x => x.Consumer).HasMaxLength(200);
        // The pruning's query: rows older than the retention.
        e.HasIndex(x => x.HandledAt);
    }
}
