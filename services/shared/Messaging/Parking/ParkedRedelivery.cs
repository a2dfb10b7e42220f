using System.Text.Json;

namespace Messaging;

/// <summary>Sends due parked messages to their consumer's queue again, in the shape of every sweep: the due
/// rows are claimed <c>FOR UPDATE SKIP LOCKED</c> (a racing replica skips them), sent with their own message
/// id, and given their next attempt in one transaction. The next attempt is a lease: the consume's outcome
/// replaces it (a success deletes the row, a failure counts on it); if the message is lost on the way, the
/// lease runs out and it is sent again, which the consumer's inbox makes harmless. Runs in every process
/// (no cron binding needed); it also keeps the <c>messaging.parked</c> gauge.</summary>
sealed class ParkedRedelivery<TDb>(IServiceScopeFactory scopes, IBus bus, ParkingSignal signal, TimeProvider clock,
    IOptions<ParkingOptions> options, ILogger<ParkedRedelivery<TDb>> logger) : BackgroundService where TDb : DbContext
{
    static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDb>();
                var sent = await RedeliverAsync(db, settings, stoppingToken);
                if (sent > 0) logger.LogInformation("Sent {Count} parked messages to their consumers again", sent);
                await CountAsync(db, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Redelivery of parked messages failed; it runs again at the next look");
            }
            await signal.WaitAsync(settings.SweepEvery, stoppingToken);
        }
    }

    async Task<int> RedeliverAsync(TDb db, ParkingOptions settings, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Set<ParkedMessage>()
            .FromSql($"SELECT * FROM parked_messages WHERE dead_at IS NULL AND next_attempt_at <= {now} ORDER BY id LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(ct);
        var sent = 0;
        foreach (var row in due)
        {
            object message;
            Type type;
            try
            {
                type = Type.GetType(row.MessageType, throwOnError: false) ?? throw new JsonException($"The type {row.MessageType} no longer loads.");
                message = JsonSerializer.Deserialize(row.Body, type, MessageJson.Options) ?? throw new JsonException("The body is null.");
            }
            catch (JsonException unreadable)
            {
                // No later attempt can read it: dead at once, with why.
                await db.Database.ExecuteSqlAsync($"UPDATE parked_messages SET dead_at = {now}, error = {unreadable.Message} WHERE id = {row.Id}", ct);
                logger.LogError(unreadable, "Parked message {MessageId} in {Queue} cannot be read and is dead", row.MessageId, row.Queue);
                continue;
            }

            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(SendTimeout);
            try
            {
                var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{row.Queue}"));
                await endpoint.Send(message, type, context =>
                {
                    context.MessageId = row.MessageId;
                    context.Headers.Set(ParkedMessages.RedeliveryHeader, row.Attempts);
                }, patience.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The broker is away: the rest would fail alike; they stay due for the next look.
                logger.LogWarning(ex, "Sending parked message {MessageId} to {Queue} again failed; it is tried at the next look", row.MessageId, row.Queue);
                break;
            }
            var lease = clock.GetUtcNow() + settings.Backoff(row.Attempts);
            await db.Database.ExecuteSqlAsync($"UPDATE parked_messages SET next_attempt_at = {lease} WHERE id = {row.Id}", ct);
            sent++;
        }
        await tx.CommitAsync(ct);
        return sent;
    }

    async Task CountAsync(TDb db, CancellationToken ct)
    {
        var counts = await db.Set<ParkedMessage>().AsNoTracking()
            .GroupBy(m => new { m.Queue, Dead = m.DeadAt != null })
            .Select(g => new { g.Key.Queue, g.Key.Dead, Count = g.Count() })
            .ToListAsync(ct);
        MessagingMetrics.SetParked(counts.Select(c => (c.Queue, c.Dead, (long)c.Count)));
    }
}
