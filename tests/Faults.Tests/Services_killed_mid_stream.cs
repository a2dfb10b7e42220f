using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>kill -9 of each service in the middle of 1,000 filings, then a restart: nothing is lost
/// and nothing happens twice. Filing dies while it answers agencies (they send again with their
/// keys), supervision while it consumes the filings, tolerance and planning while they consume the
/// completions.</summary>
[Collection("faults")]
public sealed class Services_killed_mid_stream(FaultPlatform platform)
{
    [Theory]
    [InlineData("filing")]
    [InlineData("supervision")]
    [InlineData("tolerance")]
    [InlineData("planning")]
    public async Task Given_a_stream_of_filings_When_a_service_is_killed_and_restarted_Then_every_effect_happens_exactly_once(string service)
    {
        var check = new ExactlyOnce(platform);
        var before = await check.TakeAsync();
        // Filing and supervision see every filing; tolerance and planning only the completions.
        Func<(int Filed, int Completed), bool> midStream = service is "filing" or "supervision"
            ? p => p.Filed >= FilingStream.Count / 2
            : p => p.Completed >= 10;

        var stepsWithoutIt = 0;
        var stream = new FilingStream(platform);
        var outcome = await stream.RunAsync($"kill-{service}", midStream, async progress =>
        {
            var (killedAt, resent) = (progress(), stream.Resent);
            await platform.Services[service].KillAsync();
            // Dead while the others go on: its work piles up in its queue (filing: agencies wait and resend).
            if (service == "filing")
                await Eventually.Until(() => Task.FromResult(stream.Resent), n => n > resent, "agencies send again while filing is dead");
            else stepsWithoutIt = await FilingStream.WhileStreamGoesOnAsync(progress, 100, 20, TimeSpan.FromMinutes(3), killedAt);
            await platform.Services[service].StartAsync();
        });

        Assert.True(service == "filing" || stepsWithoutIt > 0, $"the stream did not go on while {service} was dead");
        if (service == "filing") Assert.True(outcome.Resent > 0, "agencies had to send again");
        await check.AssertAsync(outcome, before);
    }
}
