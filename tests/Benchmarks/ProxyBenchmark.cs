using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using System.Globalization;
using TestInfrastructure;

namespace Benchmarks;

/// <summary>The gateway against the reference reverse proxy, side by side in one run with wrk on
/// loopback: the same backend endpoint directly, through nginx (Debian package, keep-alive upstream)
/// and through the gateway (its full pipeline: security headers, authentication, rate limiting,
/// timeouts, YARP). Goal: the gateway at 90% or more of nginx's throughput.</summary>
static class ProxyBenchmark
{
    public static async Task RunAsync(int seconds)
    {
        var infra = await SharedInfrastructure.GetAsync();
        const string body = """{"status":"Valid","filingNo":"BA2026-YJ-00001","enterpriseName":"华东精细化工有限公司","leadAgency":"YJ","agencies":["YJ","XF"]}""";
        // Every party is its own process, as deployed: the backend is nginx answering the JSON itself
        // (the cheapest possible backend, leaving the CPU to the proxies under comparison).
        await using var backend = await Nginx.StartAsync(infra.Folder("backend"), null, body);
        var backendAddress = backend.Address;

        await using var gateway = await ServiceProcess.StartAsync("Gateway", new Dictionary<string, string>
        {
            ["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway"),
            ["ConnectionStrings:rabbitmq"] = await infra.RabbitMq.CreateVirtualHostAsync("bench-proxy"),
            ["Identity:Issuer"] = TestIdentity.Issuer,
            ["Identity:SigningKeyPem"] = TestIdentity.SigningKeyPem,
            ["ReverseProxy:Clusters:planning:Destinations:d1:Address"] = backendAddress.ToString(),
            ["ReverseProxy:Clusters:filing:Destinations:d1:Address"] = backendAddress.ToString(),
            ["ReverseProxy:Clusters:tolerance:Destinations:d1:Address"] = backendAddress.ToString(),
            ["ReverseProxy:Clusters:supervision:Destinations:d1:Address"] = backendAddress.ToString(),
            ["RateLimits:VerificationsPerMinute"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Yarp"] = "Warning",
        }, infra);
        await using var nginx = await Nginx.StartAsync(infra.Folder("nginx"), backendAddress, null);
        using var yarp = await BareYarpProcessAsync(backendAddress);

        var path = "/api/filing/verify/J0W6-23KK-ZAK9-C";
        var rows = new List<(string Name, double Rps, string P50, string P99)>();
        foreach (var (name, url) in new[] { ("direct", backendAddress + path.TrimStart('/')), ("nginx", nginx.Address + path.TrimStart('/')), ("bare YARP", yarp.Address + path.TrimStart('/')), ("gateway", gateway.BaseAddress + path.TrimStart('/')) })
        {
            await VerificationBenchmark.Wrk(url, 2);   // warm-up
            var output = await VerificationBenchmark.Wrk(url, seconds);
            rows.Add((name, double.Parse(VerificationBenchmark.Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
                VerificationBenchmark.Percentile(output, "50%"), VerificationBenchmark.Percentile(output, "99%")));
        }
        Console.WriteLine($"\nreverse proxies, wrk -t2 -c32 -d{seconds}s on loopback (2 cores shared by wrk, proxy and backend)");
        Console.WriteLine($"{"target",-10} {"req/s",10} {"÷direct",8} {"÷nginx",8} {"p50",9} {"p99",9}");
        foreach (var row in rows)
            Console.WriteLine($"{row.Name,-10} {row.Rps,10:F0} {row.Rps / rows[0].Rps,8:F2} {row.Rps / rows[1].Rps,8:F2} {row.P50,9} {row.P99,9}");
    }

    /// <summary>YARP alone, nothing else in the pipeline, in a process of its own (this program with
    /// <c>bare-yarp BACKEND PORT</c>): the floor of what any YARP gateway costs here.</summary>
    public static async Task RunBareYarpAsync(Uri backend, int port)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new Yarp.ReverseProxy.Configuration.RouteConfig { RouteId = "all", ClusterId = "backend", Match = new() { Path = "/{**rest}" } }],
            [new Yarp.ReverseProxy.Configuration.ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig> { ["d1"] = new() { Address = backend.ToString() } } }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.RunAsync();
    }

    sealed class ChildProcess(Process process, Uri address) : IDisposable
    {
        public Uri Address => address;
        public void Dispose() { process.Kill(entireProcessTree: true); process.WaitForExit(); }
    }

    static async Task<ChildProcess> BareYarpProcessAsync(Uri backend)
    {
        var port = ServiceProcess.FreePort();
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(ProxyBenchmark).Assembly.Location);
        foreach (var a in new[] { "bare-yarp", backend.ToString(), port.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_gcServer"] = "1";
        var child = new ChildProcess(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try { (await http.GetAsync(child.Address + "api/filing/verify/X")).Dispose(); return child; }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new InvalidOperationException("bare YARP did not start");
    }

    /// <summary>nginx as a reverse proxy in the foreground, from a configuration of our own.</summary>
    sealed class Nginx : IAsyncDisposable
    {
        Process _process = null!;
        public Uri Address { get; private set; } = null!;

        /// <summary>A reverse proxy to <paramref name="backend"/>, or (with <paramref name="answer"/>) a backend
        /// answering every request with that JSON.</summary>
        public static async Task<Nginx> StartAsync(string folder, Uri? backend, string? answer)
        {
            var location = answer is not null
                ? $"default_type application/json; return 200 '{answer}';"
                : "proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host $host; proxy_set_header X-Forwarded-For $remote_addr;";
            var upstream = backend is null ? "" : $"upstream backend {{ server {backend.Host}:{backend.Port}; keepalive 64; }}";
            var port = ServiceProcess.FreePort();
            Directory.CreateDirectory(Path.Combine(folder, "logs"));
            var config = Path.Combine(folder, "nginx.conf");
            await File.WriteAllTextAsync(config, $$"""
                worker_processes {{(answer is null ? "auto" : "1")}};
                daemon off;
                pid {{folder}}/nginx.pid;
                error_log {{folder}}/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  {{upstream}}
                  server {
                    listen 127.0.0.1:{{port}};
                    location / { {{location}} }
                  }
                }
                """);
            var nginx = new Nginx { Address = new Uri($"http://127.0.0.1:{port}/") };
            nginx._process = Process.Start(new ProcessStartInfo("nginx", ["-c", config, "-p", folder]) { UseShellExecute = false })!;
            using var http = new HttpClient();
            for (var i = 0; i < 50; i++)
            {
                try { (await http.GetAsync(nginx.Address)).Dispose(); return nginx; }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            throw new InvalidOperationException("nginx did not start");
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }
}
