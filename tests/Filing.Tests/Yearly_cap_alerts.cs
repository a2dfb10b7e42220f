using System.Net;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>The filing service where the office accepts filings past a yearly cap with an alert.</summary>
public sealed class FilingHostAcceptingOverCap() : FilingHost(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)),
    new Dictionary<string, string> { ["Filing:AcceptOverCapWithAlert"] = "true" });

/// <summary>A filing accepted past a matter's yearly cap raises a real alert: an event, a line in the
/// office's list and in the figures, once.</summary>
public sealed class Yearly_cap_alerts(FilingHostAcceptingOverCap host) : IClassFixture<FilingHostAcceptingOverCap>
{
    static object Unplanned(string day) => new
    {
        unplannedReason = "接群众举报，核查危化品储存", creditCode = FilingHost.Enterprise, matterCodes = new[] { "YJ-01" },
        windowStart = $"{day}T09:00:00+08:00", windowEnd = $"{day}T11:00:00+08:00", inspectors = DemoRoster.Two("YJ"),
    };

    [Fact]
    public async Task A_filing_past_the_yearly_cap_is_accepted_with_an_alert_the_office_sees()
    {
        var client = host.Client;
        using (var first = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), Unplanned("2026-12-03")))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), Unplanned("2026-12-04"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var filing = await second.JsonAsync();
        Assert.True(filing.GetProperty("overYearlyCap").GetBoolean());
        var no = filing.GetProperty("filingNo").GetString()!;

        var alerts = await Eventually.Until(() => Task.FromResult(host.Published.OfType<YearlyCapExceeded>().ToList()), l => l.Count >= 1, "YearlyCapExceeded is published");
        var alert = Assert.Single(alerts);
        Assert.Equal(no, alert.FilingNo);
        Assert.Equal(["YJ-01"], alert.MatterCodes);
        Assert.Equal(2026, alert.Year);

        using (var office = await client.CallAsync(HttpMethod.Get, "/api/filing/yearly-cap-alerts", TestIdentity.Office()))
        {
            var item = Assert.Single((await office.JsonAsync()).GetProperty("items").EnumerateArray());
            Assert.Equal(no, item.GetProperty("filingNo").GetString());
            Assert.Equal("华东精细化工有限公司", item.GetProperty("enterpriseName").GetString());
        }
        using (var other = await client.CallAsync(HttpMethod.Get, "/api/filing/yearly-cap-alerts", TestIdentity.Agency("XF")))
            Assert.Equal(0, (await other.JsonAsync()).GetProperty("items").GetArrayLength());
        using (var enterprise = await client.CallAsync(HttpMethod.Get, "/api/filing/yearly-cap-alerts", TestIdentity.Enterprise(FilingHost.Enterprise)))
            Assert.Equal(HttpStatusCode.Forbidden, enterprise.StatusCode);
        using (var figures = await client.CallAsync(HttpMethod.Get, "/api/filing/figures?period=2026-Q4", TestIdentity.Office()))
            Assert.Equal(1, (await figures.JsonAsync()).GetProperty("yearlyCapAlerts").GetInt32());
        await host.QuietAsync();
        Assert.Single(host.Published.OfType<YearlyCapExceeded>());
    }
}
