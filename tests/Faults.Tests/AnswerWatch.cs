using System.Collections.Concurrent;
using System.Net;

namespace Faults.Tests;

/// <summary>Asks a set of addresses (readiness probes, the console, a read) again and again while a fault
/// lasts, and keeps every answer that was not 200. A request that gets no answer within its generous
/// timeout is not counted against the service: on a machine under heavy load that is the machine, and
/// a real probe would be retried before the pod is taken out. For the same reason a readiness probe
/// counts only when it fails <see cref="ProbeFailureThreshold"/> times in a row, as the manifests'
/// readinessProbe does before Kubernetes takes a pod out of its Service; every other address (the
/// console, a read) counts at its first failure, since a person sees that one.</summary>
public sealed class AnswerWatch : IAsyncDisposable
{
    readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    /// <summary>The manifests' readinessProbe failureThreshold (deploy/k8s/base/*/deployment.yaml).</summary>
    public const int ProbeFailureThreshold = 3;

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Rounds of asking completed: a watch that never asked proves nothing.</summary>
    public int Rounds => Volatile.Read(ref _rounds);
    int _rounds;

    public AnswerWatch(IReadOnlyList<Uri> addresses, Func<Uri, string?>? token = null)
    {
        var inARow = new ConcurrentDictionary<Uri, int>();
        void Failed(Uri address, string what)
        {
            var count = inARow.AddOrUpdate(address, 1, (_, n) => n + 1);
            if (address.AbsolutePath != "/health/ready" || count == ProbeFailureThreshold)
                Failures.Enqueue($"{address.PathAndQuery} on :{address.Port}: {what}" + (count > 1 ? $" ({count} in a row)" : ""));
        }
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.WhenAll(addresses.Select(async address =>
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, address);
                        if (token?.Invoke(address) is { } bearer) request.Headers.Authorization = new("Bearer", bearer);
                        using var answer = await _client.SendAsync(request, _stop.Token);
                        if (answer.StatusCode != HttpStatusCode.OK)
                            Failed(address, $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                        else
                            inARow[address] = 0;
                    }
                    catch (HttpRequestException ex) { Failed(address, $"no answer ({ex.Message})"); }
                    catch (TaskCanceledException) { }
                }));
                Interlocked.Increment(ref _rounds);
                try { await Task.Delay(TimeSpan.FromMilliseconds(250), _stop.Token); } catch (TaskCanceledException) { }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _client.Dispose();
        _stop.Dispose();
    }
}
