using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceDefaults;

/// <summary>How a process stops (<c>Shutdown</c>): first it drains, then it finishes what it has.</summary>
public sealed class ShutdownOptions : ISettings
{
    public static string Section => "Shutdown";

    /// <summary>After SIGTERM the process goes on serving for this many seconds while its readiness answers
    /// 503, so that whoever routes to it (the gateway's probes: two failed probes, 5 s apart, take a
    /// destination out; Kubernetes' endpoints) stops sending before it stops accepting. 0 stops at once.</summary>
    [Range(0, 300)]
    public int DrainSeconds { get; set; } = 15;

    /// <summary>Then requests, messages and sweeps under way are given this many seconds to finish (the
    /// gateway gives up on a request after 30 s anyway). Drain and this together must fit in the pod's
    /// <c>terminationGracePeriodSeconds</c>.</summary>
    [Range(1, 600)]
    public int InFlightSeconds { get; set; } = 30;
}

/// <summary>The graceful stop of every process. Readiness goes 503 at once (liveness stays 200: the
/// process is not broken, and a restart now would cut what it is finishing), requests go on being
/// served, and each response asks its client to close the connection, so that a pooled connection is
/// not reused into the moment the listener closes; the next request opens a new one, which a
/// Kubernetes Service sends to a pod still in its endpoints. When the drain is over the host stops as
/// usual: Kestrel refuses new connections and lets requests under way finish.</summary>
public sealed class Draining(IOptions<ShutdownOptions> options, TimeProvider time, ILogger<Draining> logger) : IHostedLifecycleService, IHealthCheck
{
    volatile bool _draining;

    public bool IsDraining => _draining;

    /// <summary>Runs before any hosted service stops (Kestrel and the bus among them).</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        if (drain == TimeSpan.Zero) return;
        logger.LogInformation("Stopping: not ready, still serving for {DrainSeconds} s", options.Value.DrainSeconds);
        try
        {
            await Task.Delay(drain, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy(description: "Stopping: draining before it closes.") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class DrainingSetup
{
    public static IServiceCollection AddDraining(this IServiceCollection services)
    {
        services.AddSettings<ShutdownOptions>();
        // The host's own budget covers the drain and what is under way after it; read when the host is
        // built, so a value out of range stops the process before it starts.
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.DrainSeconds + shutdown.Value.InFlightSeconds));
        services.AddSingleton<Draining>();
        services.AddHostedService(sp => sp.GetRequiredService<Draining>());
        services.AddHealthChecks().AddCheck<Draining>("draining", tags: [Health.ReadyTag]);
        // First in every pipeline (the gateway branches its API off before UseServiceDefaults).
        services.AddSingleton<IStartupFilter, CloseConnectionsWhileDraining>();
        return services;
    }

    sealed class CloseConnectionsWhileDraining(Draining draining) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextStep) =>
            {
                // HTTP/1.x only: HTTP/2 has no such header (Kestrel ends those connections with GOAWAY when it stops).
                if (draining.IsDraining && (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)))
                    context.Response.Headers.Connection = "close";
                return nextStep(context);
            });
            next(app);
        };
    }
}
