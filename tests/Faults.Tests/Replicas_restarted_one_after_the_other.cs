using System.Collections.Concurrent;
using System.Net;
using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>A rolling update as Kubernetes makes it: two replicas of planning behind the gateway, each
/// stopped with SIGTERM, left to exit and started again, one after the other, while callers read the
/// catalog of matters (a database read) through the gateway without pause. The stopping replica drains
/// (not ready, still serving) until the gateway has taken it out, and a read that meets it failing
/// anyway is sent to the other: no read is answered with an error.</summary>
[Collection("faults")]
public sealed class Replicas_restarted_one_after_the_other(FaultPlatform platform)
{
    const int Readers = 4;
    const string Read = "/api/planning/matters";
    /// <summary>Each request logged as it arrives: how the test sees that a restarted replica serves again.</summary>
    static readonly Dictionary<string, string> RequestsLogged = new() { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" };

    [Fact]
    public async Task Reads_through_the_gateway_get_no_error_while_each_replica_is_restarted_in_turn()
    {
        await using var replica = await platform.StartReplicaAsync("planning");
        var first = platform.Services["planning"];
        await using var gateway = await platform.StartGatewayAsync(new Dictionary<string, ServiceProcess[]> { ["planning"] = [replica] });
        await using var reads = new ReadStream(gateway.BaseAddress);
        await reads.FlowingAsync("reads flow through the gateway");

        foreach (var restarted in new[] { first, replica })
        {
            var beforeStop = reads.Answered;
            await restarted.StopAsync();
            Assert.True(reads.Answered > beforeStop, "reads were answered while the replica drained");
            await reads.FlowingAsync("reads are answered while one replica is down");

            var served = await ServedAsync(restarted);
            await restarted.StartAsync(RequestsLogged);
            // The next replica is stopped only once the gateway sends reads to this one again.
            await Eventually.Until(() => ServedAsync(restarted), n => n > served, "the restarted replica serves reads through the gateway again");
        }
        await reads.FlowingAsync("reads flow after both restarts");

        var failures = await reads.StopAsync();
        Assert.True(failures.IsEmpty, $"{failures.Count} of {reads.Answered + failures.Count} reads failed: "
            + string.Join("; ", failures.GroupBy(f => f).Select(g => $"{g.Count()} × {g.Key}").Take(10)));
    }

    static async Task<int> ServedAsync(ServiceProcess service)
    {
        if (!File.Exists(service.LogFile)) return 0;
        using var reader = new StreamReader(new FileStream(service.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var count = 0;
        while (await reader.ReadLineAsync() is { } line)
            if (line.Contains("Request starting", StringComparison.Ordinal) && line.Contains(Read, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>Callers reading without pause, each on its own connection to the gateway; every answer
    /// other than 200, and every failed request, is kept.</summary>
    sealed class ReadStream : IAsyncDisposable
    {
        readonly CancellationTokenSource _stop = new();
        readonly List<HttpClient> _clients = [];
        readonly Task[] _readers;
        int _answered;

        public ReadStream(Uri gateway)
        {
            _readers = Enumerable.Range(0, Readers).Select(_ =>
            {
                var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
                _clients.Add(client);
                return Task.Run(() => ReadAsync(client));
            }).ToArray();
        }

        public int Answered => Volatile.Read(ref _answered);
        public ConcurrentQueue<string> Failures { get; } = new();

        async Task ReadAsync(HttpClient client)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(Read, _stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref _answered);
                    else Failures.Enqueue($"{(int)response.StatusCode} {Title(await response.Content.ReadAsStringAsync(CancellationToken.None))}");
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Failures.Enqueue($"{e.GetType().Name}: {e.Message}");
                }
            }
        }

        /// <summary>The problem's title, so that the same failure is counted once with how often.</summary>
        static string Title(string body)
        {
            try
            {
                return System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? body : body;
            }
            catch (System.Text.Json.JsonException)
            {
                return body;
            }
        }

        public async Task FlowingAsync(string what)
        {
            var now = Answered;
            await Eventually.Until(() => Task.FromResult(Answered), n => n > now, what);
        }

        public async Task<ConcurrentQueue<string>> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_readers);
            return Failures;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested) await StopAsync();
            foreach (var client in _clients) client.Dispose();
            _stop.Dispose();
        }
    }
}
