using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>The RabbitMQ node dies (SIGKILL) in the middle of 1,000 filings that agencies send through the
/// gateway, stays away while the stream goes on by hundreds of filings, and comes back: every filing is still accepted meanwhile (the
/// outboxes hold the events), neither the gateway nor filing ever says it is not ready, and once the node
/// is back every event is delivered, none twice.</summary>
[Collection("faults")]
public sealed class Broker_restarted_mid_stream(FaultPlatform platform)
{
    [Fact]
    public async Task Given_a_stream_of_filings_through_the_gateway_When_the_broker_stops_for_a_while_Then_everything_stays_ready_and_every_effect_happens_exactly_once()
    {
        await using var gateway = await platform.StartGatewayAsync();
        var check = new ExactlyOnce(platform);
        var before = await check.TakeAsync();

        var (acceptedWithoutBroker, heldEvents, triedEvents, watchedRounds) = (0, 0L, 0L, 0);
        var failures = new List<string>();
        // Killed, not stopped in order: an orderly stop takes ~20 s on a busy machine, and the stream
        // would be over before the node is down.
        var outcome = await new FilingStream(platform).RunAsync("broker", p => p.Filed >= FilingStream.Count / 3, async progress =>
        {
            var watch = new AnswerWatch([new Uri(gateway.BaseAddress, "/health/ready"), new Uri(platform.Services["filing"].BaseAddress, "/health/ready"),
                new Uri(gateway.BaseAddress, "/console/")]);
            await using (watch)
            {
                await platform.Broker.KillAsync();
                // Away until the stream has gone on well without it (a condition, not a length of time: on a
                // loaded machine a minute may hold few filings).
                acceptedWithoutBroker = await FilingStream.WhileStreamGoesOnAsync(progress, 300, 60, TimeSpan.FromMinutes(10));
                heldEvents = await Sql.CountAsync(platform.Databases["filing"], "outbox_messages", "sent_at IS NULL");
                // The relay gives up on a batch after its publish timeout (10 s) and keeps why, for the operator.
                triedEvents = await Eventually.Until(() => Sql.CountAsync(platform.Databases["filing"], "outbox_messages", "sent_at IS NULL AND attempts > 0 AND last_error IS NOT NULL"),
                    n => n > 0, "the relay records its failed attempts");
                await platform.Broker.StartAgainAsync();
            }
            watchedRounds = watch.Rounds;
            failures.AddRange(watch.Failures);
        }, [gateway.BaseAddress]);

        Assert.True(acceptedWithoutBroker > 0, "filings are accepted while the broker is down");
        Assert.True(heldEvents > 0, "the outbox holds the events while the broker is down");
        Assert.True(watchedRounds > 0, "readiness was asked while the broker was away");
        Assert.True(failures.Count == 0, $"{failures.Count} answers other than 200 while the broker was away:\n" + string.Join("\n", failures.Take(20)));
        await check.AssertAsync(outcome, before);
    }
}
