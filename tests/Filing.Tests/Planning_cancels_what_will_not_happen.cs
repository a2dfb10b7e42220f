using System.Net;
using Filing.Contracts;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

static class FilingCalls
{
    public static object Unplanned(string day, string matter, string agency) => new
    {
        unplannedReason = "接群众举报，专项核查", creditCode = FilingHost.Enterprise, matterCodes = new[] { matter },
        windowStart = $"{day}T09:00:00+08:00", windowEnd = $"{day}T11:00:00+08:00", inspectors = DemoRoster.Two(agency),
    };

    public static async Task<(string FilingNo, string Code)> FileAsync(HttpClient client, string agency, object filing)
    {
        using var filed = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency(agency), filing);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var json = await filed.JsonAsync();
        return (json.GetProperty("filingNo").GetString()!, json.GetProperty("verificationCode").GetString()!);
    }

    public static async Task<string> StatusAsync(HttpClient client, string agency, string filingNo)
    {
        using var got = await client.CallAsync(HttpMethod.Get, $"/api/filing/filings/{filingNo}", TestIdentity.Agency(agency));
        return (await got.JsonAsync()).GetProperty("status").GetString()!;
    }
}

/// <summary>Planning cancels a visit of its published plan: the filing of it is cancelled as its agency
/// would cancel it (revoked at the gate, the yearly cap released, the event published), and the visit
/// is filed no more.</summary>
public sealed class A_cancelled_visit(FilingHost host) : IClassFixture<FilingHost>
{
    [Fact]
    public async Task Revokes_its_filing_releases_the_cap_and_is_filed_no_more()
    {
        var client = host.Client;
        var (no, code) = await FilingCalls.FileAsync(client, "YJ", FilingHost.Filing());

        await host.Bus.Publish(new JointInspectionCancelled(FilingHost.JointId, "2026-Q4", FilingHost.Enterprise, new DateOnly(2026, 12, 9),
            "企业迁出园区:整体搬迁至外省", DateTimeOffset.UtcNow));

        await Eventually.Until(() => FilingCalls.StatusAsync(client, "YJ", no), s => s == "Revoked", "the visit's filing is revoked");
        var cancelled = await Eventually.Until(() => Task.FromResult(host.Published.OfType<FilingCancelled>().Where(c => c.FilingNo == no).ToList()),
            l => l.Count == 1, "FilingCancelled is published");
        Assert.Equal("企业迁出园区:整体搬迁至外省", cancelled[0].Reason);
        using (var gate = await client.GetAsync($"/api/filing/verify/{code}"))
            Assert.Equal("Revoked", (await gate.JsonAsync()).GetProperty("status").GetString());

        using (var again = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing()))
            await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "jointId");
        // YJ-01 is capped at one inspection a year: the revoked filing no longer counts.
        await FilingCalls.FileAsync(client, "YJ", FilingCalls.Unplanned("2026-12-15", "YJ-01", "YJ"));
    }
}

/// <summary>An enterprise leaves the park: its filings of inspections from the day it left that have not
/// started are cancelled, earlier ones stay, and nothing is filed for it from that day.</summary>
public sealed class An_enterprise_that_left_the_park(FilingHost host) : IClassFixture<FilingHost>
{
    [Fact]
    public async Task Has_its_later_filings_cancelled_keeps_earlier_ones_and_is_filed_for_no_more()
    {
        var client = host.Client;
        var (before, _) = await FilingCalls.FileAsync(client, "XF", FilingCalls.Unplanned("2026-12-03", "XF-01", "XF"));
        var (after, afterCode) = await FilingCalls.FileAsync(client, "XF", FilingCalls.Unplanned("2026-12-10", "XF-01", "XF"));

        await host.Bus.Publish(new EnterpriseLeftThePark(FilingHost.Enterprise, "华东精细化工有限公司", 2, new DateOnly(2026, 12, 7), "整体搬迁至外省", DateTimeOffset.UtcNow));

        await Eventually.Until(() => FilingCalls.StatusAsync(client, "XF", after), s => s == "Revoked", "the filing after leaving is revoked");
        await host.QuietAsync();
        Assert.Equal("Filed", await FilingCalls.StatusAsync(client, "XF", before));
        Assert.Equal([after], host.Published.OfType<FilingCancelled>().Select(c => c.FilingNo));
        using (var gate = await client.GetAsync($"/api/filing/verify/{afterCode}"))
            Assert.Equal("Revoked", (await gate.JsonAsync()).GetProperty("status").GetString());

        using (var unplanned = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), FilingCalls.Unplanned("2026-12-14", "XF-01", "XF")))
            await unplanned.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "creditCode");
        using (var planned = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing()))
            await planned.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "creditCode");
        using (var moved = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{before}/reschedule", TestIdentity.Agency("XF"),
            new { windowStart = "2026-12-08T09:00:00+08:00", windowEnd = "2026-12-08T11:00:00+08:00", reason = "企业申请改期" }))
            await moved.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "creditCode");
        // Before the day it left, the enterprise is still in the park.
        await FilingCalls.FileAsync(client, "XF", FilingCalls.Unplanned("2026-12-04", "XF-01", "XF"));
    }
}
