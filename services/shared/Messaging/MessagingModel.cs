namespace Messaging;

public static class MessagingModel
{
    /// <summary>Adds the outbox, inbox and parked-message tables to a service's own model, so they live
    /// in its own database and share its transactions.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model) => model
        .ApplyConfiguration(new OutboxMessageConfiguration())
        .ApplyConfiguration(new InboxMessageConfiguration())
        .ApplyConfiguration(new ParkedMessageConfiguration());

    /// <summary>Stages an integration event in the outbox of <paramref name="db"/>; it is written
    /// by the caller's SaveChanges, in the caller's transaction, or not at all.</summary>
    public static void EnqueueEvent(this DbContext db, object integrationEvent, TimeProvider clock) =>
        db.Add(OutboxMessage.From(integrationEvent, clock.GetUtcNow()));
}
