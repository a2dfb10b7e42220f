using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Gateway.Proxy;

/// <summary>The gateway watches each service's readiness (<c>/health/ready</c>, every
/// <see cref="ApiProxyOptions.ProbeIntervalSeconds"/>) instead of making its own readiness depend on
/// them: a service that is down, or cannot reach its database, is taken out of routing and its routes
/// are answered 503 at once (<see cref="ServiceOutages"/>), while the console, the token endpoint and
/// the other services go on. A cluster that configures its own health checks keeps them.</summary>
sealed class ServiceProbes(IOptions<ApiProxyOptions> options) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.HealthCheck is not null) return ValueTask.FromResult(cluster);
        var proxy = options.Value;
        return ValueTask.FromResult(cluster with
        {
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Path = "/health/ready",
                    Interval = TimeSpan.FromSeconds(proxy.ProbeIntervalSeconds),
                    Timeout = TimeSpan.FromSeconds(proxy.ProbeTimeoutSeconds),
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                },
                // Connections failing (refused, reset) take a destination out before its probes fail twice; it is
                // tried again after one probe interval, and stays out if its probes have failed meanwhile.
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = TimeSpan.FromSeconds(proxy.ProbeIntervalSeconds),
                },
                // A service in an unknown state (not probed yet) is tried; only one seen failing is skipped.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
            },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) => ValueTask.FromResult(route);
}
