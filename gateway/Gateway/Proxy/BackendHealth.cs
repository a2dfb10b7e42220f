using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServiceDefaults;

namespace Gateway.Proxy;

/// <summary>The gateway is ready when every service behind it is: one probe tells an operator
/// whether the platform as a whole can serve.</summary>
public static class BackendHealth
{
    public const string HttpClientName = "backend-health";

    public static IHostApplicationBuilder AddBackendHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddHealthChecks();
        builder.Services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<BackendOptions>>((o, backends) =>
        {
            foreach (var (cluster, address) in backends.Value.Addresses())
                o.Registrations.Add(new HealthCheckRegistration(cluster,
                    sp => new BackendHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), new Uri(address, "/health/ready")),
                    HealthStatus.Unhealthy, [Health.ReadyTag]));
        });
        return builder;
    }
}

sealed class BackendHealthCheck(IHttpClientFactory clients, Uri readyUri) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(BackendHealth.HttpClientName).GetAsync(readyUri, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{readyUri} answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{readyUri} is unreachable", ex);
        }
    }
}
