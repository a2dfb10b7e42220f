using Microsoft.Extensions.Logging;

namespace Persistence;

/// <summary>Work a service does once as it starts (migrations, seeds): a database that is still
/// starting, failing over or short of connections for a moment (a backlog of messages being consumed
/// at once) is waited for, up to five minutes, instead of stopping the process. A failure that is
/// not transient stops it at once.</summary>
public static class StartupRetry
{
    public static async Task RunAsync(Func<CancellationToken, Task> work, ILogger logger, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work(ct);
                return;
            }
            // EF wraps a transient failure it did not retry (InvalidOperationException) or gave up on.
            catch (Exception ex) when (DateTime.UtcNow < deadline && (Transient(ex) || Transient(ex.InnerException)))
            {
                logger.LogWarning(ex, "{What}: the database is not reachable yet (attempt {Attempt}); retrying", what, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), ct);
            }
        }
    }

    // Not a statement that is wrong (a PostgresException that is not transient).
    static bool Transient(Exception? ex) => ex is Npgsql.NpgsqlException { IsTransient: true } or TimeoutException;
}
