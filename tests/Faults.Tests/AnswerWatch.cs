using System.Collections.Concurrent;
using System.Net;

namespace Faults.Tests;

/// <summary>Asks a set of addresses (readiness probes, the console, a read) again and again while a fault
/// lasts, and keeps every answer that was not 200. A request that gets no answer within its generous
/// timeout is not counted against the service: on a machine under heavy load that is the machine, and
/// a real probe would be retried before the pod is taken out.</summary>
public sealed class AnswerWatch : IAsyncDisposable
{
    readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Rounds of asking completed: a watch that never asked proves nothing.</summary>
    public int Rounds => Volatile.Read(ref _rounds);
    int _rounds;

    public AnswerWatch(IReadOnlyList<Uri> addresses, Func<Uri, string?>? token = null)
    {
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
                            Failures.Enqueue($"{address.PathAndQuery} on :{address.Port}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                    }
                    catch (HttpRequestException ex) { Failures.Enqueue($"{address.PathAndQuery} on :{address.Port}: no answer ({ex.Message})"); }
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
