using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>A government platform sends nothing outside the county: MassTransit's usage telemetry (a report
/// to its vendor's server at every bus start) is off in every service, and a running service opens
/// connections only to the addresses it is configured with (here all on this machine).</summary>
public sealed class Nothing_is_reported_outside_the_county
{
    public static TheoryData<string> Services => new() { "planning", "filing", "tolerance", "supervision" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_has_MassTransits_usage_telemetry_off(string service)
    {
        var infra = await SharedInfrastructure.GetAsync();
        var settings = ServiceSettings.For(service, await infra.Postgres.CreateDatabaseAsync(service), await infra.RabbitMq.CreateVirtualHostAsync($"usage-{service}"));
        var enabled = service switch
        {
            "planning" => await EnabledAsync(new ServiceFactory<Planning.Api.Data.PlanningDb>(settings)),
            "filing" => await EnabledAsync(new ServiceFactory<Filing.Api.Data.FilingDb>(settings)),
            "tolerance" => await EnabledAsync(new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(settings)),
            _ => await EnabledAsync(new ServiceFactory<Supervision.Api.Data.SupervisionDb>(settings)),
        };
        Assert.False(enabled, $"{service} reports MassTransit's usage telemetry");
    }

    static async Task<bool> EnabledAsync<T>(ServiceFactory<T> service) where T : class
    {
        await using var factory = service;
        return factory.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled;
    }

    [Fact]
    public async Task A_running_service_connects_only_to_the_addresses_it_is_configured_with()
    {
        using var network = new NetworkWatch();
        var infra = await SharedInfrastructure.GetAsync();
        var database = await infra.Postgres.CreateDatabaseAsync("filing");
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("egress");
        // Were the telemetry on, it would report at once and again at the stop.
        await using (var filing = new ServiceFactory<Filing.Api.Data.FilingDb>(ServiceSettings.For("filing", database, broker),
            services => services.Configure<UsageTelemetryOptions>(o => { o.ReportDelay = TimeSpan.Zero; o.ReportOnShutdown = true; })))
        {
            using var client = filing.CreateClient();
            await Eventually.Until(async () => await client.GetStringAsync("/health/ready"), r => r.Contains("\"broker\":{\"status\":\"Healthy\""), "the bus is connected");
        }

        Assert.Contains(network.Seen, a => a.Kind == "connect");
        var foreign = network.Seen.Where(a => !a.Local).Select(a => $"{a.Kind} {a.Address}").Distinct().ToList();
        Assert.True(foreign.Count == 0, $"Reached beyond the configured addresses: {string.Join(", ", foreign)}");
    }

    [Fact]
    public void Every_bus_of_the_platform_is_set_up_by_AddMessaging()
    {
        var setups = new[] { "services", "gateway" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
            .Where(f => File.ReadAllText(f) is var source && (source.Contains("AddMassTransit(") || source.Contains("Bus.Factory")))
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .ToList();
        Assert.Equal(["services/shared/Messaging/MessagingSetup.cs"], setups);
        Assert.Contains("x.DisableUsageTelemetry();", File.ReadAllText(Path.Combine(Repository.Root, setups[0])));
    }

    /// <summary>The names this process resolves, the hosts it sends HTTP requests to and the addresses it
    /// connects sockets to, from .NET's own network events. Every test of the process is seen; all of
    /// them are configured with addresses on this machine.</summary>
    sealed class NetworkWatch : EventListener
    {
        readonly ConcurrentQueue<(string Kind, string Address, bool Local)> _seen = new();

        public IReadOnlyCollection<(string Kind, string Address, bool Local)> Seen => _seen;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name is "System.Net.Sockets" or "System.Net.NameResolution" or "System.Net.Http")
                EnableEvents(source, EventLevel.Informational, (EventKeywords)(-1));
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.Payload is null || e.PayloadNames is null) return;
            string? Value(string name) => e.PayloadNames.IndexOf(name) is var i and >= 0 ? e.Payload[i]?.ToString() : null;
            switch (e.EventSource.Name, e.EventName)
            {
                case ("System.Net.NameResolution", "ResolutionStart"):
                    if (Value("hostNameOrAddress") is { } name) _seen.Enqueue(("resolve", name, IsLocalName(name)));
                    break;
                case ("System.Net.Http", "RequestStart"):
                    if (Value("host") is { } host) _seen.Enqueue(("http", host, IsLocalName(host)));
                    break;
                case ("System.Net.Sockets", "ConnectStart"):
                    if (Value("address") is { } address) _seen.Enqueue(("connect", address, IsLocalSocket(address)));
                    break;
            }
        }

        static bool IsLocalName(string name) =>
            name is "localhost" or "" || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

        /// <summary>A socket address as .NET writes it (<c>InterNetwork:16:{1,187,127,0,0,1,…}</c>: the port's
        /// two bytes, then the address), or a Unix socket, which is on this machine by nature.</summary>
        static bool IsLocalSocket(string address)
        {
            if (address.StartsWith("Unix", StringComparison.Ordinal)) return true;
            var open = address.IndexOf('{');
            if (open < 0) return IsLocalName(address);
            try
            {
                var bytes = address[(open + 1)..].TrimEnd('}').Split(',').Select(b => byte.Parse(b.Trim())).ToArray();
                if (address.StartsWith("InterNetworkV6", StringComparison.Ordinal)) return IPAddress.IsLoopback(new IPAddress(bytes[6..22]));
                if (address.StartsWith("InterNetwork", StringComparison.Ordinal)) return IPAddress.IsLoopback(new IPAddress(bytes[2..6]));
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException) { }
            // An address this cannot read counts as foreign: the test then names it instead of missing it.
            return false;
        }
    }
}
