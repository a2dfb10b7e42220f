using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>The RabbitMQ node dies (SIGKILL) in the middle of 1,000 filings and comes back: filings are still
/// accepted meanwhile (the outboxes hold the events), and once the node is back every event is
/// delivered, none twice.</summary>
[Collection("faults")]
public sealed class Broker_restarted_mid_stream(FaultPlatform platform)
{
    [Fact]
    public async Task Given_a_stream_of_filings_When_the_broker_stops_and_starts_again_Then_every_effect_happens_exactly_once()
    {
        var check = new ExactlyOnce(platform);
        var before = await check.TakeAsync();

        var (acceptedWithoutBroker, heldEvents, triedEvents) = (0, 0L, 0L);
        // Killed, not stopped in order: an orderly stop takes ~20 s on a busy machine, and the stream
        // would be over before the node is down.
        var outcome = await new FilingStream(platform).RunAsync("broker", p => p.Filed >= FilingStream.Count / 3, async progress =>
        {
            await platform.Broker.KillAsync();
            acceptedWithoutBroker = await FilingStream.WhileStreamGoesOnAsync(progress, 100, 20, TimeSpan.FromMinutes(3));
            heldEvents = await Sql.CountAsync(platform.Databases["filing"], "outbox_messages", "sent_at IS NULL");
            // The relay gives up on a batch after its publish timeout (10 s) and keeps why, for the operator.
            triedEvents = await Eventually.Until(() => Sql.CountAsync(platform.Databases["filing"], "outbox_messages", "sent_at IS NULL AND attempts > 0 AND last_error IS NOT NULL"),
                n => n > 0, "the relay records its failed attempts");
            await platform.Broker.StartAgainAsync();
        });

        Assert.True(acceptedWithoutBroker > 0, "filings are accepted while the broker is down");
        Assert.True(heldEvents > 0, "the outbox holds the events while the broker is down");
        await check.AssertAsync(outcome, before);
    }
}
