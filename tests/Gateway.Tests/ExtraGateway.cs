using System.Net;
using System.Net.Sockets;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>A gateway process of a test class's own, in front of the fixture's services with settings of
/// the class's choosing: started by the class's first test, stopped after its last.</summary>
public sealed class ExtraGateway : IAsyncLifetime
{
    readonly SemaphoreSlim _starting = new(1, 1);
    ServiceProcess? _gateway;

    /// <summary>The gateway, started on first use with the platform gateway's settings, its own database
    /// and broker virtual host unless <paramref name="ownDatabase"/> is false (a replica shares its database), and
    /// <paramref name="overrides"/>.</summary>
    public async Task<ServiceProcess> GetAsync(PlatformFixture platform, IReadOnlyDictionary<string, string> overrides, bool ownDatabase = true)
    {
        await _starting.WaitAsync();
        try
        {
            return _gateway ??= await StartAsync(platform, overrides, ownDatabase);
        }
        finally
        {
            _starting.Release();
        }
    }

    public static async Task<ServiceProcess> StartAsync(PlatformFixture platform, IReadOnlyDictionary<string, string> overrides, bool ownDatabase = true)
    {
        var infra = await SharedInfrastructure.GetAsync();
        var settings = new Dictionary<string, string>(platform.Platform.GatewaySettings);
        if (ownDatabase)
        {
            settings["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway");
            // Its own queues too: on the platform's, it would take the registry's news from the platform gateway.
            settings["ConnectionStrings:rabbitmq"] = await infra.RabbitMq.CreateVirtualHostAsync("gw-extra");
        }
        foreach (var (key, value) in overrides) settings[key] = value;
        return await ServiceProcess.StartAsync("Gateway", settings, infra);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
    }

    /// <summary>A client whose connections leave from <paramref name="local"/>: 127.0.0.2 is, to a
    /// gateway listening on 127.0.0.1, a caller at another address than the test's usual one.</summary>
    public static HttpClient ClientFrom(IPAddress local, Uri address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
}
