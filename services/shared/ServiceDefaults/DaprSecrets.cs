using System.ComponentModel.DataAnnotations;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults;

/// <summary>Where a service's connection strings are read from the Dapr secret store (<c>Dapr</c>).</summary>
public sealed class DaprSecretsOptions : ISettings, IValidatableObject
{
    public static string Section => "Dapr";

    /// <summary>The secret store component (<c>park-secrets</c>).</summary>
    public string? SecretStore { get; set; }

    /// <summary>The secrets to read from it, comma-separated (<c>filing-connections</c>).</summary>
    public string? Secrets { get; set; }

    /// <summary>How long the sidecar is awaited at start (it may start after the service); zero: asked once.</summary>
    [Duration(ZeroAllowed = true)]
    public TimeSpan SidecarTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string[] SecretNames() => (Secrets ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(SecretStore) != (SecretNames().Length == 0))
            yield return new ValidationResult($"{Settings.Key<DaprSecretsOptions>(nameof(SecretStore))} and {Settings.Key<DaprSecretsOptions>(nameof(Secrets))} go together: the store names where the connection strings are, the secrets which of them to read.");
    }
}

/// <summary>Where a Dapr sidecar runs beside the service (Kubernetes), connection strings are read
/// through its secret store: <c>Dapr:SecretStore</c> names the component, <c>Dapr:Secrets</c> the
/// secrets (comma-separated); each key (<c>ConnectionStrings__planning</c>) becomes configuration
/// (<c>ConnectionStrings:planning</c>). Without a sidecar (no <c>DAPR_HTTP_PORT</c>) nothing happens
/// and plain configuration applies. The sidecar may start after the service: it is awaited for
/// <c>Dapr:SidecarTimeout</c> (30 s), then the service stops with a clear message. This runs while
/// configuration is being built, before options exist: the settings are checked here, at once.</summary>
public static class DaprSecrets
{
    public static IHostApplicationBuilder AddDaprSecrets(this IHostApplicationBuilder builder)
    {
        var settings = Settings.Read<DaprSecretsOptions>(builder.Configuration);
        var port = builder.Configuration["DAPR_HTTP_PORT"];
        if (string.IsNullOrEmpty(settings.SecretStore) || string.IsNullOrEmpty(port)) return builder;

        var values = ReadAsync(new Uri($"http://127.0.0.1:{port}/"), settings.SecretStore, settings.SecretNames(), settings.SidecarTimeout).GetAwaiter().GetResult();
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
