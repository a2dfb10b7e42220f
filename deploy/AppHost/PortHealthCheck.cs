using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

/// <summary>Healthy once something accepts TCP connections on the loopback port: how the AppHost
/// knows the private broker and database are up, as they have no HTTP endpoint of their own.</summary>
sealed class PortHealthCheck(int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy($"Nothing listens on port {port} yet", ex);
        }
    }
}
