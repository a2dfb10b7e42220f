using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Persistence;

/// <summary>Applies the service's migrations at start, before the bus consumes and before the
/// server listens (hosted services start in registration order). The database may still be
/// starting when a pod starts, or slow on a busy node, so it waits for it a while (readiness stays
/// false meanwhile) rather than crash.</summary>
sealed class DatabaseMigrator<TDb>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TDb>> logger) : IHostedService where TDb : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TDb>().Database.MigrateAsync(cancellationToken);
                return;
            }
            // EF wraps a transient failure it did not retry (InvalidOperationException) or gave up on.
            catch (Exception ex) when (DateTime.UtcNow < deadline && (Transient(ex) || Transient(ex.InnerException)))
            {
                logger.LogWarning(ex, "Database not reachable yet (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), cancellationToken);
            }
        }
    }

    // Not a migration that is wrong (a PostgresException that is not transient): that stops at once.
    static bool Transient(Exception? ex) => ex is Npgsql.NpgsqlException { IsTransient: true } or TimeoutException;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
