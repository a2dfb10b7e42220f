using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Persistence;

/// <summary>Applies the service's migrations at start, before the bus consumes and before the
/// server listens (hosted services start in registration order). The database may still be
/// starting when a pod starts, or slow on a busy node, so it waits for it a while (readiness stays
/// false meanwhile) rather than crash.
/// When the schema has an owner of its own (<c>ConnectionStrings:{name}Owner</c>), the migrations run
/// as the owner and the service's own user gets only what it needs (<see cref="AppendOnly"/>).</summary>
sealed class DatabaseMigrator<TDb>(IServiceScopeFactory scopes, string ownerConnectionString, ILogger<DatabaseMigrator<TDb>> logger) : IHostedService where TDb : DbContext
{
    public Task StartAsync(CancellationToken cancellationToken) => StartupRetry.RunAsync(async ct =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        if (string.IsNullOrEmpty(ownerConnectionString))
        {
            await db.Database.MigrateAsync(ct);
            return;
        }
        var asOwner = new DbContextOptionsBuilder<TDb>().UseNpgsql(ownerConnectionString).UseSnakeCaseNamingConvention().Options;
        await using var owner = ActivatorUtilities.CreateInstance<TDb>(scope.ServiceProvider, asOwner);
        await owner.Database.MigrateAsync(ct);
        var user = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Username
            ?? throw new InvalidOperationException("The service's connection string names no user to grant to.");
        await AppendOnly.GrantAsync(owner, user, ct);
        logger.LogInformation("Migrated as the schema's owner; {User} may read and write, and only add to {Tables}", user, string.Join(", ", AppendOnly.Tables(owner.Model)));
    }, logger, "Migrations", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
