using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using TestInfrastructure;

namespace Benchmarks;

/// <summary>What the sign-in page gives away by its timing: a known user with a wrong password, an unknown
/// user, and a locked account, sent in turn over many attempts to one gateway process (demo accounts) on
/// loopback. Each is answered with the same words; each should cost the same (one PBKDF2 check), so the
/// ratios of their medians should stay near 1 whatever the machine. A timed unit test would only measure
/// the machine's noise; this is run on demand and read.</summary>
static partial class SignInBenchmark
{
    const string Known = "sw-staff";
    const string Locked = "fg-staff";
    const string DemoPassword = "Park@2026";

    public static async Task RunAsync(int attempts)
    {
        var infra = await SharedInfrastructure.GetAsync();
        var gatewayPort = ServiceProcess.FreePort();
        var address = $"http://127.0.0.1:{gatewayPort}";
        var settings = new Dictionary<string, string>
        {
            ["Identity:Issuer"] = address + "/",
            ["Identity:Audience"] = TestIdentity.Audience,
            ["Identity:SigningKeyPem"] = TestIdentity.SigningKeyPem,
            ["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway"),
            ["ConnectionStrings:rabbitmq"] = await infra.RabbitMq.CreateVirtualHostAsync("sign-in"),
            ["Seed:DemoPark"] = "true",
            ["RateLimits:TokenRequestsPerMinute"] = "100000000",
            ["RateLimits:SignInsPerMinute"] = "100000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // No service is called: sign-in is the gateway's alone.
        foreach (var service in Platform.ServiceNames) settings[$"ReverseProxy:Clusters:{service}:Destinations:d1:Address"] = "http://127.0.0.1:9/";
        await using var gateway = await ServiceProcess.StartAsync("Gateway", settings, infra, gatewayPort);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };

        var (form, status, page) = await CodeFlowSignIn.OpenAsync(http);
        if (form is null) throw new InvalidOperationException($"The sign-in page did not open: {(int)status} {page}");
        async Task<(HttpStatusCode Status, string Alert, double Milliseconds)> SendAsync(string user, string password)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync(form.Action, new FormUrlEncodedContent(form.With(user, password)));
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            return (response.StatusCode, Alert().Match(body).Groups["text"].Value, watch.Elapsed.TotalMilliseconds);
        }

        // The locked account, locked by five wrong passwords; it stays locked for fifteen minutes.
        for (var i = 0; i < 5; i++) await SendAsync(Locked, "locking it " + i);
        for (var i = 0; i < 20; i++) await SendAsync($"warm-up-{i}", "warm up");   // the JIT and the connection pools

        var cases = new Dictionary<string, List<double>> { ["wrong password"] = [], ["unknown user"] = [], ["locked account"] = [] };
        var answers = new HashSet<(HttpStatusCode, string)>();
        for (var i = 0; i < attempts; i++)
        {
            // In turn, so that the machine's moods fall on all three alike.
            foreach (var (name, user, password) in new[] { ("wrong password", Known, $"wrong {i}"), ("unknown user", $"nobody-{i}", DemoPassword), ("locked account", Locked, DemoPassword) })
            {
                var (answer, alert, ms) = await SendAsync(user, password);
                cases[name].Add(ms);
                answers.Add((answer, alert));
            }
            // The known user signs in rightly before a fifth wrong password would lock it too (not timed).
            if (i % 4 == 3 && (await SendAsync(Known, DemoPassword)).Status != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"{Known} could not sign in: the wrong-password series would become a locked one.");
        }

        Console.WriteLine($"\nsign-in page, {attempts} attempts each, interleaved, one gateway on loopback (2 cores shared with PostgreSQL)");
        Console.WriteLine($"{"case",-16} {"median ms",10} {"mean ms",9} {"p10",8} {"p90",8} {"÷ wrong password",17}");
        var baseline = Median(cases["wrong password"]);
        foreach (var (name, times) in cases)
            Console.WriteLine($"{name,-16} {Median(times),10:F1} {times.Average(),9:F1} {Percentile(times, 0.10),8:F1} {Percentile(times, 0.90),8:F1} {Median(times) / baseline,17:F3}");
        Console.WriteLine(answers.Count == 1
            ? $"every answer the same: {(int)answers.First().Item1} \"{answers.First().Item2}\""
            : $"ANSWERS DIFFER: {string.Join(" | ", answers.Select(a => $"{(int)a.Item1} {a.Item2}"))}");
    }

    static double Median(List<double> times) => Percentile(times, 0.5);

    static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }

    [GeneratedRegex("""role="alert"[^>]*>(?<text>[^<]*)<""")]
    private static partial Regex Alert();
}
