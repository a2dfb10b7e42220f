using System.Diagnostics;
using System.Text.Json;
using Persistence;

namespace Messaging;

/// <summary>An integration event waiting to be published, written in the same transaction as the
/// change it announces. It keeps the writer's trace context so the publish continues that trace.</summary>
public sealed class OutboxMessage : INotAudited
{
    public long Id { get; private set; }
    public Guid MessageId { get; private set; }
    public string MessageType { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public string? TraceParent { get; private set; }
    public string? TraceState { get; private set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Set when the row will never be published as it is (its type no longer loads, its body
    /// no longer reads, or it failed <see cref="OutboxOptions.MaxAttempts"/> times): the relay leaves it,
    /// and an operator sees it (log, metric <c>outbox.dead</c>) with its last error.</summary>
    public DateTimeOffset? DeadAt { get; set; }

    public static OutboxMessage From(object message, DateTimeOffset now)
    {
        var type = message.GetType();
        var activity = Activity.Current;
        return new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(now),
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Body = JsonSerializer.Serialize(message, type, MessageJson.Options),
            OccurredAt = now,
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            NextAttemptAt = now,
        };
    }
}

public sealed class InboxMessage : INotAudited
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset HandledAt { get; set; }
}

static class MessageJson
{
    // Enums travel by name, as in the API (a number would change meaning if an enum were reordered).
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new ServiceDefaults.EnumNames() } };
}
