namespace Planning.Api.Features.Resending;

/// <summary>One resend answers every request that arrives before it is committed. When many replicas
/// start at once (a rollout, a first deploy), each asks for the reference data within seconds of the
/// others; answering each with all of it would publish it N times to every consumer. The first request
/// opens a round that waits <see cref="Window"/> for others, then stages the reference data once; every
/// request that joined before the round sealed (just before its commit) is answered by it.
///
/// Why that is enough: a requester asks only once its queues are bound, and a round's events are
/// published only after its commit, which comes after every request that joined it; so each of them
/// reaches every queue of every requester. A request that comes after a round sealed (its events may
/// already be on their way) opens a new round and is answered again. Each waiting request is
/// acknowledged only once its round committed: a process that stops first leaves it to be delivered
/// again. With several planning replicas, each coalesces what it receives: at most one resend per
/// replica per window.</summary>
public sealed class CoalescedResend(Func<Action, CancellationToken, Task> resend, TimeProvider time) : IDisposable
{
    /// <summary>How long a round waits for more requests: replicas started together ask within it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    readonly Lock _gate = new();
    readonly CancellationTokenSource _stopping = new();
    Round? _open;

    /// <summary>Completes when a resend that answers this request has committed.</summary>
    public Task RequestAsync(CancellationToken cancellationToken)
    {
        Round round;
        lock (_gate)
        {
            if (_open is { Sealed: false } open)
            {
                round = open;
            }
            else
            {
                round = _open = new Round();
                _ = RunAsync(round);
            }
        }
        return round.Done.Task.WaitAsync(cancellationToken);
    }

    async Task RunAsync(Round round)
    {
        try
        {
            await Task.Delay(Window, time, _stopping.Token);
            await resend(() => Seal(round), _stopping.Token);
            Seal(round);
            round.Done.TrySetResult();
        }
        catch (Exception e)
        {
            // Every request of the round fails with it and is delivered again (a new round).
            Seal(round);
            round.Done.TrySetException(e);
        }
    }

    void Seal(Round round)
    {
        lock (_gate) round.Sealed = true;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    sealed class Round
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Sealed { get; set; }
    }
}
