using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using ServiceDefaults;

namespace Messaging;

public sealed class OutboxOptions
{
    /// <summary>Off for a process that must not publish (a migration job, a fault test).</summary>
    public bool RelayEnabled { get; set; } = true;
    public int BatchSize { get; set; } = 100;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a batch waits for the broker: past it the batch counts as failed (attempt and
    /// error recorded, tried again after a back-off) instead of holding its rows and transaction while
    /// the broker is away.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Sent rows are kept this long for diagnosis, then deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Failed publishes after which a row is dead instead of tried again: at the one-minute
    /// back-off ceiling, 500 attempts outlast about eight hours of broker outage.</summary>
    public int MaxAttempts { get; set; } = 500;
}

/// <summary>Publishes outbox rows with broker confirms. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so replicas of a service share the work without sending a row
/// twice; a row is marked sent only after the broker confirmed it. A crash between confirm and
/// commit re-sends the row with the same message id, which consumers' inboxes turn into a no-op.</summary>
sealed class OutboxRelay<TDb>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TDb>> logger) : BackgroundService where TDb : DbContext
{
    static readonly Meter Meter = MessagingMetrics.Meter;
    static readonly Counter<long> Published = Meter.CreateCounter<long>("outbox.published", description: "Integration events published from the outbox");
    static readonly Counter<long> Failed = Meter.CreateCounter<long>("outbox.publish_failures", description: "Failed attempts to publish an outbox row");
    static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("outbox.lag", "ms", "Time from the business commit to the broker's confirm");
    static readonly Counter<long> Dead = Meter.CreateCounter<long>("outbox.dead", description: "Outbox rows set aside as never publishable (type gone, body unreadable, too many failures)");

    DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RelayEnabled)
        {
            logger.LogWarning("Outbox relay is disabled by configuration; events stay in the outbox");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int relayed;
            try
            {
                relayed = await RelayBatchAsync(settings, stoppingToken);
                await CleanupAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // The database is unreachable or the claim failed: nothing was marked, retry later.
                logger.LogWarning(ex, "Outbox relay pass failed");
                relayed = 0;
            }

            if (relayed < settings.BatchSize)
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
        }
    }

    async Task<int> RelayBatchAsync(OutboxOptions settings, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await db.Set<OutboxMessage>()
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= {now} ORDER BY id LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (rows.Count == 0) return 0;

        // The batch is published at once and the broker confirms it as a whole, instead of one round
        // trip per row; consumers never relied on order (they run concurrently anyway).
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(settings.PublishTimeout);
        var outcomes = await Task.WhenAll(rows.Select(async row =>
        {
            try
            {
                await PublishAsync(row, patience.Token);
                return null;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested) { return ex; }
        }));

        // The confirmed rows are marked in one statement (the batch's hot path); a failed row, rare, gets
        // its attempt, error and next try through the change tracker.
        var sentAt = clock.GetUtcNow();
        var confirmed = rows.Where((_, i) => outcomes[i] is null).Select(row => row.Id).ToList();
        if (confirmed.Count > 0)
            await db.Set<OutboxMessage>().Where(m => confirmed.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, sentAt), ct);
        var failed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, error) = (rows[i], outcomes[i]);
            if (error is null)
            {
                db.Entry(row).State = EntityState.Detached;
                Published.Add(1);
                Lag.Record((sentAt - row.OccurredAt).TotalMilliseconds);
                continue;
            }
            row.Attempts++;
            row.LastError = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
            row.NextAttemptAt = clock.GetUtcNow() + Backoff(row.Attempts, settings.MaxBackoff);
            Failed.Add(1);
            if (error is UnreadableMessage || row.Attempts >= settings.MaxAttempts)
            {
                row.DeadAt = sentAt;
                Dead.Add(1, new KeyValuePair<string, object?>("message.type", TypeName(row.MessageType)));
                logger.LogError(error, "Outbox message {MessageId} ({MessageType}) is dead after {Attempt} attempts and will not be published; an operator may replay it",
                    row.MessageId, row.MessageType, row.Attempts);
                continue;
            }
            // One line per batch: when the broker is away, every row fails the same way.
            if (failed++ == 0)
                logger.LogWarning(error, "Publishing outbox message {MessageId} ({MessageType}) failed, attempt {Attempt}; {Rows} rows in this batch", row.MessageId, row.MessageType, row.Attempts, rows.Count);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return confirmed.Count;
    }

    async Task PublishAsync(OutboxMessage row, CancellationToken ct)
    {
        var (type, message) = Read(row);

        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        using var activity = Telemetry.Source.StartActivity($"outbox publish {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.MessageId.ToString());

        await bus.Publish(message, type, context => context.MessageId = row.MessageId, ct);
    }

    /// <summary>A row no later attempt can publish: its type no longer loads, or its body does not read.</summary>
    sealed class UnreadableMessage(string message, Exception? inner) : Exception(message, inner);

    static (Type Type, object Message) Read(OutboxMessage row)
    {
        var type = Type.GetType(row.MessageType, throwOnError: false)
            ?? throw new UnreadableMessage($"The type {row.MessageType} no longer loads.", null);
        try
        {
            return (type, JsonSerializer.Deserialize(row.Body, type, MessageJson.Options) ?? throw new JsonException("The body is null."));
        }
        catch (JsonException ex)
        {
            throw new UnreadableMessage($"The body does not read as {type.Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The type's name without its assembly, for a metric's tag.</summary>
    static string TypeName(string messageType) => messageType.Split(',')[0];

    async Task CleanupAsync(OutboxOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastCleanup < TimeSpan.FromHours(1)) return;
        _lastCleanup = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var cutoff = now - settings.Retention;
        await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
    }

    static TimeSpan Backoff(int attempts, TimeSpan max)
    {
        var seconds = Math.Min(max.TotalSeconds, Math.Pow(2, Math.Min(attempts, 16)) * 0.25);
        return TimeSpan.FromSeconds(seconds);
    }
}
