using Microsoft.Extensions.Time.Testing;
using Planning.Api.Features.Resending;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>Many services that start at once ask planning for its reference data within seconds of each
/// other: one resend answers them all (<see cref="CoalescedResend"/>), and a request that comes once a
/// resend may already be on its way is answered by another. Driven alone, with a clock the test moves
/// and a resend the test holds.</summary>
public sealed class Reference_data_requests_answered_together
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    readonly FakeTimeProvider _time = new();
    readonly List<Resend> _resends = [];

    CoalescedResend Coalescing() => new((seal, ct) =>
    {
        var resend = new Resend(seal);
        lock (_resends) _resends.Add(resend);
        return resend.Committed.Task;
    }, _time);

    int Resends { get { lock (_resends) return _resends.Count; } }

    [Fact]
    public async Task Requests_within_the_window_are_answered_by_one_resend()
    {
        using var coalescing = Coalescing();

        var requests = Enumerable.Range(0, 20).Select(_ => coalescing.RequestAsync(CancellationToken.None)).ToList();
        Assert.Equal(0, Resends);
        _time.Advance(CoalescedResend.Window);
        var resend = await Started(1);
        Assert.All(requests, r => Assert.False(r.IsCompleted));

        resend.Commit();
        await Task.WhenAll(requests).WaitAsync(Patience);
        Assert.Equal(1, Resends);
    }

    [Fact]
    public async Task A_request_while_the_resend_is_staged_is_answered_by_it()
    {
        using var coalescing = Coalescing();
        var first = coalescing.RequestAsync(CancellationToken.None);
        _time.Advance(CoalescedResend.Window);
        var resend = await Started(1);

        // Staged but not committed: nothing of it is published yet.
        var meanwhile = coalescing.RequestAsync(CancellationToken.None);
        resend.Commit();

        await Task.WhenAll(first, meanwhile).WaitAsync(Patience);
        Assert.Equal(1, Resends);
    }

    [Fact]
    public async Task A_request_after_the_resend_sealed_is_answered_by_another()
    {
        using var coalescing = Coalescing();
        var first = coalescing.RequestAsync(CancellationToken.None);
        _time.Advance(CoalescedResend.Window);
        var resend = await Started(1);
        resend.Seal();

        // Its events may be published any moment now, perhaps before this requester's queues were bound.
        var late = coalescing.RequestAsync(CancellationToken.None);
        resend.Commit();
        await first.WaitAsync(Patience);
        Assert.False(late.IsCompleted, "a request that came after the resend sealed was taken as answered by it");

        _time.Advance(CoalescedResend.Window);
        (await Started(2)).Commit();
        await late.WaitAsync(Patience);
        Assert.Equal(2, Resends);
    }

    [Fact]
    public async Task A_request_after_the_resend_committed_is_answered_again()
    {
        using var coalescing = Coalescing();
        var first = coalescing.RequestAsync(CancellationToken.None);
        _time.Advance(CoalescedResend.Window);
        (await Started(1)).Commit();
        await first.WaitAsync(Patience);

        var later = coalescing.RequestAsync(CancellationToken.None);
        _time.Advance(CoalescedResend.Window);
        (await Started(2)).Commit();

        await later.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_resend_that_failed_fails_its_requests_and_the_next_request_gets_a_new_one()
    {
        using var coalescing = Coalescing();
        var requests = new[] { coalescing.RequestAsync(CancellationToken.None), coalescing.RequestAsync(CancellationToken.None) };
        _time.Advance(CoalescedResend.Window);
        (await Started(1)).Fail(new InvalidOperationException("the database is away"));

        foreach (var request in requests)
            await Assert.ThrowsAsync<InvalidOperationException>(() => request.WaitAsync(Patience));

        // Delivered again, the request opens a new round.
        var again = coalescing.RequestAsync(CancellationToken.None);
        _time.Advance(CoalescedResend.Window);
        (await Started(2)).Commit();
        await again.WaitAsync(Patience);
    }

    async Task<Resend> Started(int count)
    {
        await Eventually.Until(() => Task.FromResult(Resends), n => n >= count, $"resend {count} starts", Patience, TimeSpan.FromMilliseconds(10));
        lock (_resends) return _resends[count - 1];
    }

    sealed class Resend(Action seal)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Seal() => seal();

        public void Commit()
        {
            seal();
            Committed.SetResult();
        }

        public void Fail(Exception e) => Committed.SetException(e);
    }
}
