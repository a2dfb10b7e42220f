namespace Messaging;

public sealed class InboxOptions
{
    /// <summary>How long a handled message's id is kept. It must outlast any redelivery of that message
    /// (the broker redelivers within minutes, an operator replays parked messages within days), or a
    /// redelivery would be applied a second time.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Deletes inbox rows older than the retention, so the inbox does not grow for ever. Replicas
/// may prune at once: the deletes are idempotent.</summary>
sealed class InboxPruning<TDb>(IServiceScopeFactory scopes, TimeProvider clock, IOptions<InboxOptions> options, ILogger<InboxPruning<TDb>> logger)
    : BackgroundService where TDb : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var cutoff = clock.GetUtcNow() - settings.Retention;
                var pruned = await scope.ServiceProvider.GetRequiredService<TDb>().Set<InboxMessage>().Where(m => m.HandledAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                if (pruned > 0) logger.LogInformation("Pruned {Count} inbox rows handled before the retention of {Retention}", pruned, settings.Retention);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Inbox pruning failed; it runs again at the next tick");
            }
            await Task.Delay(settings.PruneEvery, clock, stoppingToken);
        }
    }
}
