using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServiceDefaults;

namespace Gateway;

public static class GatewayServices
{
    /// <summary>Names the gateway's assembly for hosts that start it (tests).</summary>
    public sealed class Marker;

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddHttpClient(BackendHealthCheck.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5));

        // The gateway is ready when every service behind it is: one probe tells an operator
        // whether the platform as a whole can serve.
        var clusters = builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren();
        var health = builder.Services.AddHealthChecks();
        foreach (var cluster in clusters)
        {
            var address = cluster.GetSection("Destinations").GetChildren().FirstOrDefault()?["Address"];
            if (address is null) continue;
            health.Add(new HealthCheckRegistration(
                cluster.Key,
                sp => new BackendHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), new Uri(new Uri(address), "/health/ready")),
                HealthStatus.Unhealthy,
                [Health.ReadyTag]));
        }
        return builder;
    }
}

sealed class BackendHealthCheck(IHttpClientFactory clients, Uri readyUri) : IHealthCheck
{
    public const string HttpClientName = "backend-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(readyUri, cancellationToken);
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
