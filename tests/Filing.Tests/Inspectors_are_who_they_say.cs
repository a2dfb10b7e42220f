using System.Net;
using Filing.Contracts;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>Every inspector named on a filing or an emergency's written filing is on the roster of a
/// participating agency with a certificate valid on the day, as planning last announced the roster; an
/// unplanned filing names another agency only once that agency confirms, before the window starts.</summary>
public sealed class Inspectors_are_who_they_say(FilingHost host) : IClassFixture<FilingHost>
{
    static object Unplanned(string day, object[] inspectors, string[]? agencies = null) => new
    {
        unplannedReason = "群众举报消防通道堵塞，需现场核查", creditCode = FilingHost.Enterprise, matterCodes = new[] { "XF-01" }, agencies = agencies ?? [],
        windowStart = $"{day}T10:00:00+08:00", windowEnd = $"{day}T12:00:00+08:00", inspectors,
    };

    [Fact]
    public async Task A_joint_visit_filed_with_certified_inspectors_of_its_agencies_is_filed()
    {
        using var filed = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing());
        Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        var filing = await filed.JsonAsync();
        Assert.Equal("Filed", filing.GetProperty("status").GetString());
        Assert.Equal(["应急管理局", "消防救援大队"], filing.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        var filingNo = filing.GetProperty("filingNo").GetString();
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<InspectionFiled>().Count(f => f.FilingNo == filingNo)), n => n == 1, "the filing is announced");
    }

    [Fact]
    public async Task A_roster_change_reaches_filing_through_the_broker()
    {
        var newcomer = new { name = "郑新", certificateNo = "33018304010", agencyCode = "XF" };
        var filing = Unplanned("2026-12-04", [DemoRoster.Inspector("XF", 1), newcomer]);
        using (var before = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), filing))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, before.StatusCode);
            Assert.True((await before.JsonAsync()).GetProperty("errors").TryGetProperty("inspectors[1].certificateNo", out _));
        }

        await host.Bus.Publish(FilingHost.Roster("XF", "消防救援大队", 2, new CertifiedInspector("33018304010", "郑新", new DateOnly(2026, 12, 1), new DateOnly(2031, 11, 30))));
        await Eventually.Until(() => Sql.CountAsync(host.Database, "agency_rosters", "agency_code = 'XF' AND revision = 2"), n => n == 1, "filing holds XF's new roster");
        // An older revision arriving late does not bring the old roster back.
        await host.Bus.Publish(FilingHost.Roster("XF", "消防救援大队", 1));
        await host.DeliveredAsync();

        using var after = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), filing);
        Assert.True(after.StatusCode == HttpStatusCode.Created, await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_written_emergency_filing_with_an_inspector_off_the_roster_is_refused_and_changes_nothing()
    {
        using var pre = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency("YJ"), new
        {
            creditCode = FilingHost.Enterprise, reason = "群众举报疑似危化品泄漏", approvedBy = "赵副局长", approvedAt = "2026-12-01T08:00:00+08:00", expectedEndAt = "2026-12-01T10:00:00+08:00",
        });
        var no = (await pre.JsonAsync()).GetProperty("provisionalNo").GetString();
        using (var ended = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/end", TestIdentity.Agency("YJ"), new { endedAt = "2026-12-01T08:40:00+08:00" }))
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var outbox = await Sql.CountAsync(host.Database, "outbox_messages");

        foreach (var (inspectors, field) in new (object[], string)[]
        {
            ([DemoRoster.Inspector("YJ", 1), new { name = "钱多", certificateNo = "33018301099", agencyCode = "YJ" }], "inspectors[1].certificateNo"),
            ([DemoRoster.Inspector("YJ", 1), DemoRoster.Inspector("XF", 1)], "inspectors[1].agencyCode"),
            ([new { name = "王伟", certificateNo = "33018301001" }, DemoRoster.Inspector("YJ", 2)], "inspectors[0].name"),
        })
        {
            using var refused = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/backfill", TestIdentity.Agency("YJ"), new { matterCodes = new[] { "YJ-01" }, inspectors });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Equal(0, await Sql.CountAsync(host.Database, "emergency_pre_filings", "backfilled_at IS NOT NULL"));
        Assert.Equal(outbox, await Sql.CountAsync(host.Database, "outbox_messages"));

        // The emergency's own inspectors need not name their agency.
        var (certificateNo, name) = DemoRoster.Certificate("YJ", 3);
        using var written = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/backfill", TestIdentity.Agency("YJ"), new
        {
            matterCodes = new[] { "YJ-01" }, inspectors = new object[] { DemoRoster.Inspector("YJ", 1), new { name, certificateNo } },
        });
        Assert.True(written.StatusCode == HttpStatusCode.OK, await written.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unplanned_filing_naming_another_agency_is_valid_only_once_that_agency_confirms_before_the_window()
    {
        var inspectors = new[] { DemoRoster.Inspector("XF", 3), DemoRoster.Inspector("SJ", 4) };
        using var unknown = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), Unplanned("2026-12-07", inspectors, ["SJ", "QQ"]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.True((await unknown.JsonAsync()).GetProperty("errors").TryGetProperty("agencies[1]", out _));

        async Task<(string FilingNo, string Code)> FileAsync(string day)
        {
            using var filed = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), Unplanned(day, inspectors, ["SJ"]));
            Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
            var body = await filed.JsonAsync();
            Assert.Equal("AwaitingConfirmation", body.GetProperty("status").GetString());
            return (body.GetProperty("filingNo").GetString()!, body.GetProperty("verificationCode").GetString()!);
        }
        var confirmed = await FileAsync("2026-12-07");
        var late = await FileAsync("2026-12-01");
        using (var shown = await host.Client.GetAsync($"/api/filing/verify/{confirmed.Code}"))
            Assert.Equal("AwaitingConfirmation", (await shown.JsonAsync()).GetProperty("status").GetString());

        using (var awaiting = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/filings/awaiting-confirmation", TestIdentity.Agency("SJ")))
            Assert.Equal([late.FilingNo, confirmed.FilingNo], (await awaiting.JsonAsync()).GetProperty("items").EnumerateArray().Select(f => f.GetProperty("filingNo").GetString()));
        using (var notNamed = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/filings/awaiting-confirmation", TestIdentity.Agency("YJ")))
            Assert.Equal(0, (await notNamed.JsonAsync()).GetProperty("items").GetArrayLength());

        // Only a participant other than the filing agency confirms.
        using (var byFiler = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{confirmed.FilingNo}/confirm", TestIdentity.Agency("XF")))
            Assert.Equal(HttpStatusCode.Conflict, byFiler.StatusCode);
        using (var byStranger = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{confirmed.FilingNo}/confirm", TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        using (var byParticipant = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{confirmed.FilingNo}/confirm", TestIdentity.Agency("SJ")))
        {
            Assert.Equal(HttpStatusCode.OK, byParticipant.StatusCode);
            var body = await byParticipant.JsonAsync();
            Assert.Equal("Filed", body.GetProperty("status").GetString());
            Assert.Equal("SJ", body.GetProperty("confirmations")[0].GetProperty("agencyCode").GetString());
        }
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<InspectionFiled>().Count(f => f.FilingNo == confirmed.FilingNo)), n => n == 1, "the confirmed filing is announced");
        using (var left = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/filings/awaiting-confirmation", TestIdentity.Agency("SJ")))
            Assert.Equal([late.FilingNo], (await left.JsonAsync()).GetProperty("items").EnumerateArray().Select(f => f.GetProperty("filingNo").GetString()));

        // The other filing's window starts before SJ confirms: it stays unconfirmed, never valid, never announced.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var tooLate = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{late.FilingNo}/confirm", TestIdentity.Agency("SJ")))
            Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        using (var start = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{late.FilingNo}/start", TestIdentity.Agency("XF")))
            Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        using (var shown = await host.Client.GetAsync($"/api/filing/verify/{late.Code}"))
            Assert.Equal("AwaitingConfirmation", (await shown.JsonAsync()).GetProperty("status").GetString());
        await host.QuietAsync();
        Assert.DoesNotContain(host.Published.OfType<InspectionFiled>(), f => f.FilingNo == late.FilingNo);
    }
}
