using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>kill -9 of the gateway in the middle of 1,000 filings that agencies send through it, then
/// a restart on its address: requests in flight are cut off, agencies send again with their keys,
/// and every filing is made once, every effect happens once.</summary>
[Collection("faults")]
public sealed class Gateway_killed_mid_stream(FaultPlatform platform)
{
    [Fact]
    public async Task Given_a_stream_of_filings_through_the_gateway_When_it_is_killed_and_restarted_Then_every_effect_happens_exactly_once()
    {
        await using var gateway = await platform.StartGatewayAsync();
        var check = new ExactlyOnce(platform);
        var before = await check.TakeAsync();

        var stream = new FilingStream(platform);
        var outcome = await stream.RunAsync("kill-gateway", p => p.Filed >= FilingStream.Count / 2, async _ =>
        {
            var resent = stream.Resent;
            await gateway.KillAsync();
            // Down until agencies have had to send again.
            await Eventually.Until(() => Task.FromResult(stream.Resent), n => n > resent, "agencies send again while the gateway is down");
            await gateway.StartAsync();
        }, [gateway.BaseAddress]);

        Assert.True(outcome.Resent > 0, "agencies had to send again");
        await check.AssertAsync(outcome, before);
    }
}
