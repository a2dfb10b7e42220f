using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TestInfrastructure;

/// <summary>A service hosted in the test process on the real database and broker.
/// <typeparamref name="TEntryPoint"/> is any type of the service's assembly.</summary>
public sealed class ServiceFactory<TEntryPoint>(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureServices(services);
    }
}
