using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>The connections to the services: one that is not accepted within
/// <see cref="ApiProxyOptions.ConnectTimeoutSeconds"/> fails as a connection error, which
/// <see cref="ServiceOutages"/> answers 503, rather than as a timeout of the whole request (504 after
/// its 30 s) as YARP reports the handler's own connect timeout.</summary>
sealed class ServiceConnections(IOptions<ApiProxyOptions> options, ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        var limit = TimeSpan.FromSeconds(options.Value.ConnectTimeoutSeconds);
        handler.ConnectCallback = async (connection, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(limit);
                try
                {
                    await socket.ConnectAsync(connection.DnsEndPoint, timeout.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new SocketException((int)SocketError.TimedOut);
                }
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }
}
