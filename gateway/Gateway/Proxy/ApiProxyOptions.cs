using System.ComponentModel.DataAnnotations;
using ServiceDefaults;

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
}
