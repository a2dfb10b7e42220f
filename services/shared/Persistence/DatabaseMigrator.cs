using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Persistence;

/// <summary>Applies the service's migrations at start, before the bus consumes and before the
/// server listens (hosted services start in registration order). The database may still be
/// starting when a pod starts, so it waits for it a while.</summary>
sealed class DatabaseMigrator<TDb>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TDb>> logger) : IHostedService where TDb : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TDb>().Database.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline && ex is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Database not reachable yet (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
