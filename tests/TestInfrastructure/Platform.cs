namespace TestInfrastructure;

/// <summary>The whole platform as separate processes, as ./run.sh starts it: the four services and the
/// gateway (token server, console, proxy) on the run's private broker and database, the demo park
/// seeded. Services trust the gateway's key set, fetched from its address.</summary>
public sealed class Platform : IAsyncDisposable
{
    public static readonly string[] ServiceNames = ["planning", "filing", "tolerance", "supervision"];

    readonly Dictionary<string, ServiceProcess> _services = [];
    public ServiceProcess Gateway { get; private set; } = null!;
    public IReadOnlyDictionary<string, ServiceProcess> Services => _services;
    public Uri Address => Gateway.BaseAddress;
    public string Broker { get; private set; } = "";
    public IReadOnlyDictionary<string, string> Databases => _databases;
    readonly Dictionary<string, string> _databases = [];
    readonly Dictionary<string, Dictionary<string, string>> _settings = [];
    public IReadOnlyDictionary<string, string> GatewaySettings { get; private set; } = new Dictionary<string, string>();

    /// <summary>The project (and assembly) of a service: "filing" → "Filing.Api".</summary>
    public static string Project(string service) => $"{char.ToUpperInvariant(service[0])}{service[1..]}.Api";

    public static async Task<Platform> StartAsync(string name, IReadOnlyDictionary<string, string>? gatewayExtra = null, IReadOnlyDictionary<string, string>? serviceExtra = null)
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync(name);
        var platform = new Platform { Broker = broker };
        var gatewayPort = ServiceProcess.FreePort();
        var gateway = $"http://127.0.0.1:{gatewayPort}";

        // Consumers first: planning announces the demo park as it starts.
        foreach (var service in new[] { "filing", "tolerance", "supervision", "planning" })
        {
            platform._databases[service] = await infra.Postgres.CreateDatabaseAsync(service);
            var settings = ServiceSettings.For(service, platform._databases[service], broker, new Dictionary<string, string>
            {
                ["Seed:DemoPark"] = "true",
                ["Filing:VerificationPage"] = gateway + "/console/verify?code=",
                ["Filing:VerificationsPerMinute"] = "100000",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            // Trust the gateway's key set instead of the test signing key.
            foreach (var key in TestIdentity.Settings.Keys) settings.Remove(key);
            settings["Identity:Authority"] = gateway;
            settings["Identity:Issuer"] = gateway + "/";
            foreach (var (key, value) in serviceExtra ?? new Dictionary<string, string>()) settings[key] = value;
            platform._settings[service] = settings;
            platform._services[service] = await ServiceProcess.StartAsync(Project(service), settings, infra);
        }

        var gatewaySettings = new Dictionary<string, string>
        {
            ["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway"),
            ["ConnectionStrings:rabbitmq"] = broker,
            ["Identity:Issuer"] = gateway + "/",
            // The gateway runs as in production, where it refuses to start without its signing key.
            ["Identity:SigningKeyPem"] = TestIdentity.SigningKeyPem,
            ["Seed:DemoPark"] = "true",
            ["RateLimits:TokenRequestsPerMinute"] = "100000",
            ["RateLimits:SignInsPerMinute"] = "100000",
            ["RateLimits:VerificationsPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (service, process) in platform.Services)
            gatewaySettings[$"ReverseProxy:Clusters:{service}:Destinations:d1:Address"] = process.BaseAddress.ToString();
        foreach (var (key, value) in gatewayExtra ?? new Dictionary<string, string>()) gatewaySettings[key] = value;
        platform.GatewaySettings = gatewaySettings;
        platform.Gateway = await ServiceProcess.StartAsync("Gateway", gatewaySettings, infra, gatewayPort);
        return platform;
    }

    /// <summary>A second process of <paramref name="service"/> on the same database and queues, with
    /// <paramref name="overrides"/>; the caller disposes it.</summary>
    public async Task<ServiceProcess> StartReplicaAsync(string service, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>(_settings[service]);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) settings[key] = value;
        return await ServiceProcess.StartAsync(Project(service), settings, await SharedInfrastructure.GetAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        foreach (var service in _services.Values) await service.DisposeAsync();
    }
}
