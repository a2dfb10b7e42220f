using MassTransit;

namespace TestInfrastructure;

/// <summary>A bus of the test's own on the real broker: to inject messages as another service
/// would publish them, and to watch what services publish.</summary>
public static class TestBroker
{
    public static async Task<IBusControl> StartAsync(string brokerUri, Action<IRabbitMqBusFactoryConfigurator>? configure = null)
    {
        var uri = new Uri(brokerUri);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(uri.Host, (ushort)uri.Port, uri.AbsolutePath.Trim('/') is { Length: > 0 } vhost ? vhost : "/", h =>
            {
                h.Username("guest");
                h.Password("guest");
            });
            configure?.Invoke(cfg);
        });
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        return bus;
    }
}
