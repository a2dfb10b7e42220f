using Filing.Contracts;
using MassTransit;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>A filing its agency cancelled joins the enterprise's ledger as what did not happen, once,
/// however often filing's event arrives; it never counts as an inspection that happened.</summary>
public sealed class Cancelled_filings_in_the_ledger(PlanningHost host) : IClassFixture<PlanningHost>
{
    [Fact]
    public async Task A_cancelled_filing_shows_in_the_ledger_of_its_period_once_and_not_as_happened()
    {
        var enterprise = host.Enterprises[2];
        var cancelled = new FilingCancelled("BA2026-YJ-00042", null, enterprise, "YJ", ["YJ"], DateTimeOffset.Parse("2026-12-09T01:00:00Z"),
            DateTimeOffset.Parse("2026-12-09T04:00:00Z"), "企业已主动整改，无需检查", DateTimeOffset.Parse("2026-12-02T02:00:00Z"));
        var id = NewId.NextGuid();
        await host.Bus.Publish(cancelled, ctx => ctx.MessageId = id);
        await host.Bus.Publish(cancelled, ctx => ctx.MessageId = id);   // redelivered
        await host.Bus.Publish(cancelled);                              // published again under another id

        var ledger = await Eventually.Until(async () => await (await host.Client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{enterprise}/ledger?period=2026-Q4", TestIdentity.Office())).JsonAsync(),
            l => l.GetProperty("cancelled").GetArrayLength() == 1, "the ledger shows the cancelled filing");
        Assert.Equal("企业已主动整改，无需检查", ledger.GetProperty("cancelled")[0].GetProperty("reason").GetString());
        Assert.Equal(0, ledger.GetProperty("inspectionsHappened").GetInt32());
        await host.QuietAsync();
        Assert.Equal(1, await Sql.CountAsync(host.Database, "cancelled_filings"));
        using var nextQuarter = await host.Client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{enterprise}/ledger?period=2027-Q1", TestIdentity.Office());
        Assert.Equal(0, (await nextQuarter.JsonAsync()).GetProperty("cancelled").GetArrayLength());
    }
}
