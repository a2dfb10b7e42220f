using System.Net;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>A matter's yearly cap of inspections at one enterprise (from the catalog) is enforced at filing.</summary>
public sealed class Yearly_caps(FilingHost host) : IClassFixture<FilingHost>
{
    static object Unplanned(string day) => new
    {
        unplannedReason = "接群众举报，核查危化品储存", creditCode = FilingHost.Enterprise, matterCodes = new[] { "YJ-01" },
        windowStart = $"{day}T09:00:00+08:00", windowEnd = $"{day}T11:00:00+08:00",
        inspectors = DemoRoster.Two("YJ"),
    };

    [Fact]
    public async Task A_second_inspection_of_a_matter_capped_at_one_a_year_is_refused_with_the_reason()
    {
        using var first = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), Unplanned("2026-12-03"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False((await first.JsonAsync()).GetProperty("overYearlyCap").GetBoolean());

        using var second = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), Unplanned("2026-12-04"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("YJ-01", (await second.JsonAsync()).GetProperty("errors").GetProperty("matterCodes")[0].GetString());
        Assert.Equal(1, await Sql.CountAsync(host.Database, "filings"));
    }
}
