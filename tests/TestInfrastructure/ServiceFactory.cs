using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceDefaults;

namespace TestInfrastructure;

/// <summary>A service hosted in the test process on the real database and broker.
/// <typeparamref name="TEntryPoint"/> is any type of the service's assembly.
/// The service's bus starts in the background (it serves while the broker is away), so by default the
/// factory waits until the bus is connected and every receive endpoint has its queue bound: a test that
/// publishes to the service right after creating it must not publish into an exchange nobody listens to.
/// <paramref name="waitForBroker"/> false is for the tests that start a service with its broker down.</summary>
public sealed class ServiceFactory<TEntryPoint>(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null, bool waitForBroker = true)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Nobody routes to a service hosted in a test: it stops at once instead of draining (a test may say otherwise).
        builder.UseSetting(Settings.Key<ShutdownOptions>(nameof(ShutdownOptions.DrainSeconds)), "0");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureServices(services);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (waitForBroker && host.Services.GetService<IBusControl>() is { } bus)
        {
            // Patient: under a load of 100 on two cores, connecting and declaring takes minutes.
            var status = bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromMinutes(8)).GetAwaiter().GetResult();
            if (status != BusHealthStatus.Healthy)
                throw new TimeoutException($"the service's bus did not connect and bind its queues (last status {status})");
        }
        return host;
    }
}
