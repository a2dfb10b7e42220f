using System.ComponentModel.DataAnnotations;

namespace Gateway.Proxy;

/// <summary>What every API request through the gateway may take (<c>Gateway</c>).</summary>
public sealed class ApiProxyOptions : ISettings
{
    public static string Section => "Gateway";

    /// <summary>A request to a service is given up after this many seconds.</summary>
    [Range(1, int.MaxValue)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The largest body accepted (xlsx forms are the largest legitimate ones).</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxRequestBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>A service that does not accept a connection within this many seconds is down: its
    /// request is answered 503 at once instead of waiting out the request's timeout.</summary>
    [Range(1, int.MaxValue)]
    public int ConnectTimeoutSeconds { get; set; } = 3;

    /// <summary>Each service's readiness is probed this often; one that fails two probes in a row is
    /// taken out of routing until a probe passes again, and its routes are answered 503 with this many
    /// seconds in <c>Retry-After</c>.</summary>
    [Range(1, 3600)]
    public int ProbeIntervalSeconds { get; set; } = 5;

    /// <summary>How long one probe may take before it counts as failed (a loaded node answers slowly
    /// without being down).</summary>
    [Range(1, 3600)]
    public int ProbeTimeoutSeconds { get; set; } = 10;
}
