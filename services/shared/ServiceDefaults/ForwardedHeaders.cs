using System.ComponentModel.DataAnnotations;
using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ServiceDefaults;

/// <summary>The proxy in front of a process (<c>ForwardedHeaders</c>): the ingress in front of the
/// gateway, the gateway in front of a service. Only a connection from one of <see cref="KnownNetworks"/>
/// is believed when it says, in <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, who the client is
/// and whether it came over HTTPS; anyone else could claim any address.</summary>
public sealed class ProxyNetworks : ISettings, IValidatableObject
{
    public static string Section => "ForwardedHeaders";

    /// <summary>Networks in CIDR notation (<c>10.42.0.0/16</c>) or single addresses. None: only the
    /// same machine (loopback), as on a developer's machine where everything runs side by side.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>The networks to trust: those configured, or loopback alone.</summary>
    public IReadOnlyList<IPNetwork> Networks() => KnownNetworks.Count == 0
        ? [new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128)]
        : [.. KnownNetworks.Select(n => Parse(n)!.Value)];

    static IPNetwork? Parse(string? text)
    {
        if (IPNetwork.TryParse(text?.Trim(), out var network)) return network;
        if (IPAddress.TryParse(text?.Trim(), out var address))
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownNetworks.Count; i++)
            if (Parse(KnownNetworks[i]) is null)
                yield return new ValidationResult($"{Settings.Key<ProxyNetworks>(nameof(KnownNetworks))}:{i} is not a network (10.42.0.0/16) or an address: '{KnownNetworks[i]}'.");
    }
}

/// <summary>The real client's address and scheme behind the proxy (<see cref="ProxyNetworks"/>): rate
/// limits, <see cref="Actor.Address"/>, the audit trail and the case history record the client, not the
/// proxy; HSTS goes out when the client came over HTTPS.</summary>
public static class RealClientAddress
{
    const string Applied = "ServiceDefaults.RealClientAddress";

    public static IHostApplicationBuilder AddRealClientAddress(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<ProxyNetworks>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyNetworks>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in proxies.Value.Networks()) o.KnownIPNetworks.Add(network);
            // One proxy in front: the last address it appended is the client it saw.
            o.ForwardLimit = 1;
        });
        return builder;
    }

    /// <summary>First in the pipeline, before anything reads the address; applied once however often
    /// it is called (the gateway calls it before its API branch, and again through the defaults).</summary>
    public static IApplicationBuilder UseRealClientAddress(this IApplicationBuilder app)
    {
        if (app.Properties.ContainsKey(Applied)) return app;
        app.Properties[Applied] = true;
        return app.UseForwardedHeaders();
    }
}
