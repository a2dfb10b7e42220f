using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Persistence;

/// <summary>How sweeps run where no Dapr sidecar calls them (section <c>Sweeps</c>).</summary>
public sealed class SweepOptions
{
    /// <summary>Off on Kubernetes, where the Dapr cron binding calls each sweep's route instead.</summary>
    public bool InProcess { get; set; } = true;
    /// <summary>The timer's period: 10 seconds to a day.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Runs every sweep of the process on a timer, where no Dapr sidecar calls their routes.
/// A failed run is logged and tried again at the next tick.</summary>
sealed class InProcessSweeps(IEnumerable<Sweep> sweeps, IServiceScopeFactory scopes, TimeProvider clock, IOptions<SweepOptions> options, ILogger<InProcessSweeps> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.InProcess) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var sweep in sweeps)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var handled = await Sweeps.RunAsync(sweep, scope.ServiceProvider, clock, stoppingToken);
                    if (handled > 0) logger.LogInformation("Sweep {Route}: {Count} {Result}", sweep.Route, handled, sweep.ResultName);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Sweep {Route} failed; it runs again at the next tick", sweep.Route);
                }
            }
            // Stopping between ticks is the end of the loop, not a failure of the service.
            try { await Task.Delay(options.Value.Every, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
        }
    }
}
