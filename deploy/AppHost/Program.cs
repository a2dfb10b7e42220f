using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using System.Net;
using System.Net.Sockets;

// The whole platform on one machine, without containers: a private RabbitMQ node and PostgreSQL
// cluster (project-local data, free ports), the four services, the gateway, and the dashboard
// where operators read traces, metrics and logs.
var builder = DistributedApplication.CreateBuilder(args);

var repository = Path.GetFullPath(builder.Configuration["Park:Repository"] ?? Path.Combine(builder.AppHostDirectory, "..", ".."));
// Where ./run.sh keeps this run's data (RUN_FOLDER), by default .local/run in the clone.
var data = builder.Configuration["Park:Data"] is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(repository, ".local", "run");
var brokerPort = FreePort();
var databasePort = FreePort();
var gatewayPort = builder.Configuration.GetValue("Park:GatewayPort", 0) is > 0 and var configured ? configured : FreePort();

// Standard output carries only what ProcessWatch tells the operator; the logs go to standard error.
builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

// Services wait until these accept connections, not merely until their processes exist.
builder.Services.AddHealthChecks()
    .AddCheck("rabbitmq-port", new PortHealthCheck(brokerPort))
    .AddCheck("postgres-port", new PortHealthCheck(databasePort));
var rabbitmq = builder.AddExecutable("rabbitmq", "bash", repository, "deploy/local/rabbitmq.sh", "run", Path.Combine(data, "rabbitmq"), brokerPort.ToString())
    .WithHealthCheck("rabbitmq-port");
var postgres = builder.AddExecutable("postgres", "bash", repository, "deploy/local/postgres.sh", "run", Path.Combine(data, "postgres"), databasePort.ToString())
    .WithHealthCheck("postgres-port");
var broker = $"amqp://guest:guest@127.0.0.1:{brokerPort}/";
// Each process serves as park_service, which owns no table (deploy/local/postgres.sh makes it); its
// migrations run as the owner, postgres, and grant it what it may do.
string Database(string name) => $"Host=127.0.0.1;Port={databasePort};Username=park_service;Database={name}";
string Owner(string name) => $"Host=127.0.0.1;Port={databasePort};Username=postgres;Database={name}";
var gatewayAddress = $"http://127.0.0.1:{gatewayPort}";

// Each deployable runs as its built assembly, from its project folder as `dotnet run` would (content
// root, the console's files), without a `dotnet run` process held beside each of them (~130 MB each).
var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
IResourceBuilder<ExecutableResource> Deployable<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var project = new TProject().ProjectPath;
    var assembly = Path.GetFileNameWithoutExtension(project);
    return builder.AddExecutable(name, "dotnet", Path.GetDirectoryName(project)!, Path.Combine(repository, "artifacts", "bin", assembly, configuration, assembly + ".dll"))
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
        // One process of each, nothing to hand requests over to: a local stop does not wait out a drain.
        .WithEnvironment("Shutdown__DrainSeconds", "0")
        .WithOtlpExporter();
}

IResourceBuilder<ExecutableResource> Service<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var service = Deployable<TProject>(name).WithHttpEndpoint();
    var endpoint = service.GetEndpoint("http");
    return service
        .WithEnvironment("ASPNETCORE_URLS", ReferenceExpression.Create($"http://127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"))
        .WithHttpHealthCheck("/health/ready")
        .WithEnvironment($"ConnectionStrings__{name}", Database(name))
        .WithEnvironment($"ConnectionStrings__{name}Owner", Owner(name))
        .WithEnvironment("ConnectionStrings__rabbitmq", broker)
        .WithEnvironment("Identity__Authority", gatewayAddress)
        .WithEnvironment("Identity__Issuer", gatewayAddress + "/")
        .WaitFor(rabbitmq)
        .WaitFor(postgres);
}

// The filing's QR code opens the console's verification page on the gateway.
var filing = Service<Projects.Filing_Api>("filing").WithEnvironment("Filing__VerificationPage", gatewayAddress + "/console/verify?code=");
var tolerance = Service<Projects.Tolerance_Api>("tolerance").WithEnvironment("Seed__DemoPark", "true");
var supervision = Service<Projects.Supervision_Api>("supervision");
// Planning seeds the demo park and announces it at once: the consumers' queues must exist by then,
// or the broker would drop what nobody has bound yet.
var planning = Service<Projects.Planning_Api>("planning").WithEnvironment("Seed__DemoPark", "true")
    .WithEnvironment("Draws__Key", DrawKey(Path.Combine(data, "draw-key")))
    .WaitFor(filing).WaitFor(tolerance).WaitFor(supervision);

var gateway = Deployable<Projects.Gateway>("gateway")
    .WithHttpEndpoint(port: gatewayPort, isProxied: false)
    .WithEnvironment("ASPNETCORE_URLS", gatewayAddress)
    .WithHttpHealthCheck("/health/ready")
    .WithEnvironment("ConnectionStrings__gateway", Database("gateway"))
    .WithEnvironment("ConnectionStrings__gatewayOwner", Owner("gateway"))
    // The registry's enterprises reach the gateway as they reach the services: by planning's events.
    .WithEnvironment("ConnectionStrings__rabbitmq", broker)
    .WithEnvironment("Seed__DemoPark", "true")
    .WithEnvironment("Identity__Issuer", gatewayAddress + "/");
foreach (var service in new[] { planning, filing, tolerance, supervision })
{
    gateway.WithEnvironment($"ReverseProxy__Clusters__{service.Resource.Name}__Destinations__d1__Address", service.GetEndpoint("http"))
        .WaitFor(service);
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new WatchedProcesses(
    new HashSet<string> { rabbitmq.Resource.Name, postgres.Resource.Name },
    new HashSet<string> { rabbitmq.Resource.Name, postgres.Resource.Name, planning.Resource.Name, filing.Resource.Name,
        tolerance.Resource.Name, supervision.Resource.Name, gateway.Resource.Name },
    builder.Configuration.GetValue<int?>("Park:Launcher")));
builder.Services.AddHostedService<ProcessWatch>();

builder.Build().Run();

// The county's draw key for this run's data: made once and kept beside the data (readable by its owner
// only), so quarters committed in an earlier run keep their secrets.
static string DrawKey(string file)
{
    if (!File.Exists(file))
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(new FileStream(file, options));
        writer.Write(Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }
    return File.ReadAllText(file).Trim();
}

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}
