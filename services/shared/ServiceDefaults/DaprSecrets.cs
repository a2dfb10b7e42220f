using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults;

/// <summary>Where a Dapr sidecar runs beside the service (Kubernetes), connection strings are read
/// through its secret store: <c>Dapr:SecretStore</c> names the component, <c>Dapr:Secrets</c> the
/// secrets (comma-separated); each key (<c>ConnectionStrings__planning</c>) becomes configuration
/// (<c>ConnectionStrings:planning</c>). Without a sidecar (no <c>DAPR_HTTP_PORT</c>) nothing happens
/// and plain configuration applies. The sidecar may start after the service: it is awaited for
/// <c>Dapr:SidecarTimeout</c> (30 s), then the service stops with a clear message.</summary>
public static class DaprSecrets
{
    public static IHostApplicationBuilder AddDaprSecrets(this IHostApplicationBuilder builder)
    {
        var store = builder.Configuration["Dapr:SecretStore"];
        var names = (builder.Configuration["Dapr:Secrets"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var port = builder.Configuration["DAPR_HTTP_PORT"];
        if (string.IsNullOrEmpty(store) || names.Length == 0 || string.IsNullOrEmpty(port)) return builder;

        var timeout = builder.Configuration.GetValue("Dapr:SidecarTimeout", TimeSpan.FromSeconds(30));
        var values = ReadAsync(new Uri($"http://127.0.0.1:{port}/"), store, names, timeout).GetAwaiter().GetResult();
        builder.Configuration.AddInMemoryCollection(values);
        return builder;
    }

    static async Task<Dictionary<string, string?>> ReadAsync(Uri sidecar, string store, string[] names, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = sidecar, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var health = await http.GetAsync("v1.0/healthz/outbound");
                if (health.IsSuccessStatusCode) break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The Dapr sidecar at {sidecar} did not answer within {timeout}: the connection strings in secret store '{store}' cannot be read.");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            var secret = await http.GetFromJsonAsync<Dictionary<string, string>>($"v1.0/secrets/{Uri.EscapeDataString(store)}/{Uri.EscapeDataString(name)}")
                ?? throw new InvalidOperationException($"Secret '{name}' in store '{store}' is empty.");
            foreach (var (key, value) in secret) values[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
        return values;
    }
}
