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
    public Task StartAsync(CancellationToken cancellationToken) => StartupRetry.RunAsync(async ct =>
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TDb>().Database.MigrateAsync(ct);
    }, logger, "Migrations", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
