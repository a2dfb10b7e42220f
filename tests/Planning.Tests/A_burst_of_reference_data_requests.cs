using Planning.Contracts;
using Xunit;

namespace Planning.Tests;

/// <summary>Replicas of many services starting at once, through the broker: their requests for the
/// reference data are answered by a resend or two, not one each, and a service that asks later is
/// answered again.</summary>
public sealed class A_burst_of_reference_data_requests(PlanningHost host) : IClassFixture<PlanningHost>
{
    const int Requests = 12;

    [Fact]
    public async Task Is_answered_by_few_resends_and_a_later_request_again()
    {
        await host.QuietAsync();
        var before = Sent();

        await Task.WhenAll(Enumerable.Range(0, Requests).Select(i =>
            host.Bus.Publish(new ReferenceDataRequested($"replica-{i}", DateTimeOffset.UtcNow))));
        await host.QuietAsync();
        var burst = Sent() - before;

        // Each resend sends every agency once: the count of one agency's events is the count of resends.
        // The requests arrive together, but a loaded machine may spread their handling over more than
        // one window.
        Assert.InRange(burst, 1, 3);

        await host.Bus.Publish(new ReferenceDataRequested("a-late-service", DateTimeOffset.UtcNow));
        await host.QuietAsync();
        Assert.Equal(burst + 1, Sent() - before);
    }

    int Sent() => host.Published.OfType<AgencyChanged>().Count(a => a.AgencyCode == "YJ");
}
