using Xunit;

namespace Faults.Tests;

/// <summary>The RabbitMQ node stops in the middle of 1,000 filings and comes back: filings are still
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

        var acceptedWithoutBroker = 0;
        var outcome = await new FilingStream(platform).RunAsync("broker", p => p.Filed >= FilingStream.Count / 3, async progress =>
        {
            await platform.Broker.StopAsync();
            acceptedWithoutBroker = await FilingStream.WhileStreamGoesOnAsync(progress, 100, 20, TimeSpan.FromSeconds(30));
            await platform.Broker.StartAgainAsync();
        });

        Assert.True(acceptedWithoutBroker > 0, "filings are accepted while the broker is down");
        await check.AssertAsync(outcome, before);
    }
}
