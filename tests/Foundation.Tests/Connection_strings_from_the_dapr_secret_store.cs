using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceDefaults;
using Xunit;

namespace Foundation.Tests;

/// <summary>With a sidecar (DAPR_HTTP_PORT), connection strings come from the Dapr secret store, the
/// way daprd answers its secrets API; without one, plain configuration applies and nothing waits;
/// a sidecar that never answers stops the service after the timeout with a clear message, and so do
/// settings that do not hold together, at once.</summary>
public sealed class Connection_strings_from_the_dapr_secret_store : IAsyncLifetime
{
    WebApplication _sidecar = null!;
    int _calls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _sidecar = builder.Build();
        // As daprd: healthy only after its second probe (it starts after the app), then the secret.
        _sidecar.MapGet("/v1.0/healthz/outbound", () => Interlocked.Increment(ref _calls) < 2 ? Results.StatusCode(500) : Results.NoContent());
        _sidecar.MapGet("/v1.0/secrets/park-secrets/planning-connections", () => Results.Json(new Dictionary<string, string>
        {
            ["ConnectionStrings__planning"] = "Host=planning-db-rw;Database=planning",
            ["ConnectionStrings__rabbitmq"] = "amqp://park@rabbitmq:5672/",
        }));
        await _sidecar.StartAsync();
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public void With_a_sidecar_the_connection_strings_come_from_the_secret_store()
    {
        var port = new Uri(_sidecar.Urls.First()).Port;
        // Patient: the sidecar answers on its second probe, however slow the machine.
        var builder = Builder(new() { ["DAPR_HTTP_PORT"] = port.ToString(), ["Dapr:SecretStore"] = "park-secrets", ["Dapr:Secrets"] = "planning-connections",
            ["ConnectionStrings:planning"] = "Host=localhost", ["Dapr:SidecarTimeout"] = "00:05:00" });
        builder.AddDaprSecrets();
        Assert.Equal("Host=planning-db-rw;Database=planning", builder.Configuration.GetConnectionString("planning"));
        Assert.Equal("amqp://park@rabbitmq:5672/", builder.Configuration.GetConnectionString("rabbitmq"));
        Assert.True(_calls >= 2);
    }

    [Fact]
    public void Without_a_sidecar_plain_configuration_applies_at_once()
    {
        // No patience at all for a sidecar: waiting for one would fail instead of passing slowly.
        var builder = Builder(new() { ["Dapr:SecretStore"] = "park-secrets", ["Dapr:Secrets"] = "planning-connections", ["ConnectionStrings:planning"] = "Host=localhost",
            ["Dapr:SidecarTimeout"] = "00:00:00" });
        builder.AddDaprSecrets();
        Assert.Equal("Host=localhost", builder.Configuration.GetConnectionString("planning"));
        Assert.Equal(0, _calls);
    }

    [Fact]
    public void A_secret_store_without_secrets_to_read_stops_the_service_naming_both()
    {
        var builder = Builder(new() { ["Dapr:SecretStore"] = "park-secrets" });
        var error = Assert.Throws<OptionsValidationException>(() => builder.AddDaprSecrets());
        Assert.Contains("Dapr:SecretStore and Dapr:Secrets", error.Message);
    }

    [Fact]
    public void A_sidecar_that_never_answers_stops_the_service_after_the_timeout()
    {
        var builder = Builder(new() { ["DAPR_HTTP_PORT"] = "1", ["Dapr:SecretStore"] = "park-secrets", ["Dapr:Secrets"] = "planning-connections", ["Dapr:SidecarTimeout"] = "00:00:01" });
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddDaprSecrets());
        Assert.Contains("did not answer", error.Message);
    }
}
