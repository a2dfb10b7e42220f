using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServiceDefaults;

/// <summary>A periodic job of a service (deadline sweeps). On Kubernetes a Dapr cron input binding
/// calls its route (OPTIONS once at start, then POST each tick); where no sidecar runs, an in-process
/// timer calls the same work (<c>Sweeps:InProcess</c>, on by default; <c>Sweeps:Every</c>, 5 minutes).
/// The work must be safe when replicas run it at once: it reports how many items it handled.</summary>
public sealed record Sweep(string Route, string ResultName, Func<IServiceProvider, TimeProvider, CancellationToken, Task<int>> Run);

public static class Sweeps
{
    static readonly System.Diagnostics.Metrics.Meter Meter = new(Telemetry.SourceName);
    static readonly System.Diagnostics.Metrics.Counter<long> Handled = Meter.CreateCounter<long>("sweep.handled", description: "Items a sweep handled (raised, revoked, flagged)");
    static readonly System.Diagnostics.Metrics.Counter<long> Runs = Meter.CreateCounter<long>("sweep.runs", description: "Sweep runs, by outcome");

    /// <summary>Runs a sweep and records what it did.</summary>
    static async Task<int> RunAsync(Sweep sweep, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var route = new KeyValuePair<string, object?>("sweep", sweep.Route);
        try
        {
            var handled = await sweep.Run(services, clock, ct);
            Handled.Add(handled, route);
            Runs.Add(1, route, new KeyValuePair<string, object?>("outcome", "ok"));
            return handled;
        }
        catch
        {
            Runs.Add(1, route, new KeyValuePair<string, object?>("outcome", "failed"));
            throw;
        }
    }

    public static IServiceCollection AddSweep<TDb>(this IServiceCollection services, string route, string resultName, Func<TDb, TimeProvider, CancellationToken, Task<int>> work)
        where TDb : notnull
    {
        services.AddSingleton(new Sweep(route, resultName, (sp, clock, ct) => work(sp.GetRequiredService<TDb>(), clock, ct)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InProcessSweeps>());
        return services;
    }

    /// <summary>Reached only inside the cluster (the gateway routes /api only): the sidecar has no token.</summary>
    public static IEndpointRouteBuilder MapSweeps(this IEndpointRouteBuilder app)
    {
        foreach (var sweep in app.ServiceProvider.GetServices<Sweep>())
        {
            app.MapMethods(sweep.Route, ["OPTIONS"], () => TypedResults.Ok()).AllowAnonymous().ExcludeFromDescription();
            app.MapPost(sweep.Route, async (IServiceProvider services, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(new Dictionary<string, int> { [sweep.ResultName] = await RunAsync(sweep, services, clock, ct) }))
                .AllowAnonymous().ExcludeFromDescription();
        }
        return app;
    }

    sealed class InProcessSweeps(IEnumerable<Sweep> sweeps, IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<InProcessSweeps> logger)
        : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            if (!configuration.GetValue("Sweeps:InProcess", true)) return;
            var every = configuration.GetValue("Sweeps:Every", TimeSpan.FromMinutes(5));
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var sweep in sweeps)
                {
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        var handled = await RunAsync(sweep, scope.ServiceProvider, clock, stoppingToken);
                        if (handled > 0) logger.LogInformation("Sweep {Route}: {Count} {Result}", sweep.Route, handled, sweep.ResultName);
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogWarning(ex, "Sweep {Route} failed; it runs again at the next tick", sweep.Route);
                    }
                }
                await Task.Delay(every, stoppingToken);
            }
        }
    }
}
