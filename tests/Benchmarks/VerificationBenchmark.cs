using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;
using Planning.Contracts;
using TestInfrastructure;

namespace Benchmarks;

/// <summary>Verification on arrival under load, side by side in one run with wrk on loopback: a bare
/// endpoint returning the same JSON, the filing service directly, and through the gateway.</summary>
static partial class VerificationBenchmark
{
    public static async Task RunAsync(int seconds)
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("bench");
        var database = await infra.Postgres.CreateDatabaseAsync("filing");
        await using var filing = await ServiceProcess.StartAsync("Filing.Api", ServiceSettings.For("filing", database, broker, new Dictionary<string, string>
        {
            ["Filing:VerificationsPerMinute"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
        }), infra);
        var gatewaySettings = new Dictionary<string, string>(TestIdentity.Settings)
        {
            ["Identity:SigningKeyPem"] = TestIdentity.SigningKeyPem,
            ["ReverseProxy:Clusters:filing:Destinations:d1:Address"] = filing.BaseAddress.ToString(),
            ["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway"),
            ["ConnectionStrings:rabbitmq"] = broker,
            ["RateLimits:VerificationsPerMinute"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var other in new[] { "planning", "tolerance", "supervision" })
            gatewaySettings[$"ReverseProxy:Clusters:{other}:Destinations:d1:Address"] = filing.BaseAddress.ToString();
        await using var gateway = await ServiceProcess.StartAsync("Gateway", gatewaySettings, infra);

        var code = await FileOneAsync(broker, database, filing);
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri(filing.BaseAddress, $"/api/filing/verify/{code}"));
        await using var bare = await BareAsync(body);

        var path = $"/api/filing/verify/{code}";
        var rows = new List<(string Name, double Rps, string P50, string P99)>();
        foreach (var (name, url) in new[] { ("bare endpoint", bare.Urls.First() + path), ("filing service", filing.BaseAddress + path.TrimStart('/')), ("through gateway", gateway.BaseAddress + path.TrimStart('/')) })
        {
            await Wrk(url, 2);   // warm-up
            var output = await Wrk(url, seconds);
            rows.Add((name, double.Parse(Rps().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                Percentile(output, "50%"), Percentile(output, "99%")));
        }
        Console.WriteLine($"\nverification, wrk -t2 -c32 -d{seconds}s on loopback (2 cores shared by wrk, services, broker and database)");
        Console.WriteLine($"{"target",-16} {"req/s",10} {"ratio",7} {"p50",9} {"p99",9}");
        foreach (var row in rows)
            Console.WriteLine($"{row.Name,-16} {row.Rps,10:F0} {row.Rps / rows[0].Rps,7:F2} {row.P50,9} {row.P99,9}");
    }

    /// <summary>A scheduled visit arrives as planning would publish it; the lead agency files it.</summary>
    static async Task<string> FileOneAsync(string broker, string database, ServiceProcess filing)
    {
        const string enterprise = "91330183MA2100001M";
        var bus = await TestBroker.StartAsync(broker);
        await bus.Publish(new EnterpriseRegistered(enterprise, "华东精细化工有限公司", "化工园区A区", "化工", RiskLevel.High, [], DateTimeOffset.UtcNow));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        await bus.Publish(new JointInspectionScheduled("BENCH-1", $"{day.Year}", enterprise, "华东精细化工有限公司", day, day, day.AddDays(5), false, "YJ",
            [new ScheduledAgency("YJ", "应急管理局"), new ScheduledAgency("XF", "消防救援大队")],
            [new ScheduledMatter("YJ-01", "危化品使用储存", "YJ", true, MandateLevel.County, ["D1"])], DateTimeOffset.UtcNow));
        foreach (var (agency, name) in new[] { ("YJ", "应急管理局"), ("XF", "消防救援大队") })
            await bus.Publish(new AgencyChanged(agency, 1, name, [.. Enumerable.Range(1, 6).Select(n => DemoRoster.Certificate(agency, n))
                .Select(c => new CertifiedInspector(c.CertificateNo, c.Name, day.AddYears(-1), day.AddYears(1)))], DateTimeOffset.UtcNow));
        await Eventually.Until(() => Sql.CountAsync(database, "scheduled_visits"), n => n == 1, "the visit is known");
        await Eventually.Until(() => Sql.CountAsync(database, "agency_rosters"), n => n == 2, "the rosters are known");
        await bus.StopAsync();
        using var client = filing.CreateClient();
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        using var filed = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), new
        {
            jointId = "BENCH-1", windowStart = start, windowEnd = start.AddHours(3),
            inspectors = new[] { DemoRoster.Inspector("YJ", 1), DemoRoster.Inspector("XF", 2) },
        });
        filed.EnsureSuccessStatusCode();
        return (await filed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("verificationCode").GetString()!;
    }

    internal static async Task<WebApplication> BareAsync(string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/api/filing/verify/{code}", (string code) => Results.Text(body, "application/json"));
        app.MapGet("/health/ready", () => Results.Ok());   // so a gateway in front of it is ready
        await app.StartAsync();
        return app;
    }

    internal static async Task<string> Wrk(string url, int seconds)
    {
        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-t2", "-c32", $"-d{seconds}s", "--latency", url }) psi.ArgumentList.Add(a);
        using var wrk = Process.Start(psi)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (!Rps().IsMatch(output)) throw new InvalidOperationException($"wrk failed on {url}: {output}");
        if (output.Contains("Non-2xx")) throw new InvalidOperationException($"{url} answered errors under load: {output}");
        return output;
    }

    internal static string Percentile(string output, string p) => Regex.Match(output, $@"\s{Regex.Escape(p)}\s+(\S+)").Groups[1].Value;

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    internal static partial Regex Rps();
}
