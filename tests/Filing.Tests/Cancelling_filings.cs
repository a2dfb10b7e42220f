using System.Net;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>The filing agency cancels a filing before it starts, with a reason: the gate is told it is
/// revoked, it cannot start, the yearly cap is released, the event leaves and the office sees it.</summary>
public sealed class Cancelling_filings(FilingHost host) : IClassFixture<FilingHost>
{
    static object Unplanned(string day, string matter = "YJ-01", string agency = "YJ") => new
    {
        unplannedReason = "接群众举报，核查危化品储存", creditCode = FilingHost.Enterprise, matterCodes = new[] { matter },
        windowStart = $"{day}T09:00:00+08:00", windowEnd = $"{day}T11:00:00+08:00",
        inspectors = DemoRoster.Two(agency),
    };

    static async Task<(string FilingNo, string Code)> FileAsync(HttpClient client, string agency, object filing)
    {
        using var filed = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency(agency), filing);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var json = await filed.JsonAsync();
        return (json.GetProperty("filingNo").GetString()!, json.GetProperty("verificationCode").GetString()!);
    }

    [Fact]
    public async Task A_cancelled_filing_is_revoked_at_the_gate_cannot_start_and_releases_the_yearly_cap()
    {
        var client = host.Client;
        var (no, code) = await FileAsync(client, "YJ", Unplanned("2026-12-03"));

        using (var noReason = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/cancel", TestIdentity.Agency("YJ"), new { reason = "" }))
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        using (var stranger = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/cancel", TestIdentity.Agency("SJ"), new { reason = "并非本单位备案" }))
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(host.Database, "filings", "status = 'Revoked'"));

        using (var cancelled = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/cancel", TestIdentity.Agency("YJ"), new { reason = "企业已主动整改，无需检查" }))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            var filing = await cancelled.JsonAsync();
            Assert.Equal("Revoked", filing.GetProperty("status").GetString());
            Assert.Equal("企业已主动整改，无需检查", filing.GetProperty("cancellation").GetProperty("reason").GetString());
        }
        var events = await Eventually.Until(() => Task.FromResult(host.Published.OfType<FilingCancelled>().Where(c => c.FilingNo == no).ToList()), l => l.Count == 1, "FilingCancelled is published");
        Assert.Equal("企业已主动整改，无需检查", events[0].Reason);
        Assert.Equal(FilingHost.Enterprise, events[0].CreditCode);

        using (var gate = await client.GetAsync($"/api/filing/verify/{code}"))
            Assert.Equal("Revoked", (await gate.JsonAsync()).GetProperty("status").GetString());
        using (var twice = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/cancel", TestIdentity.Agency("YJ"), new { reason = "再次撤销" }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var start = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/start", TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);

        // YJ-01 is capped at one inspection a year: the cancelled one no longer counts.
        await FileAsync(client, "YJ", Unplanned("2026-12-04"));
        using var office = await client.CallAsync(HttpMethod.Get, "/api/filing/cancellations?agencyCode=YJ", TestIdentity.Office());
        var listed = await office.JsonAsync();
        Assert.Equal([no], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("filingNo").GetString()));
        using (var other = await client.CallAsync(HttpMethod.Get, "/api/filing/cancellations", TestIdentity.Agency("SJ")))
            Assert.Equal(0, (await other.JsonAsync()).GetProperty("items").GetArrayLength());
        using (var enterprise = await client.CallAsync(HttpMethod.Get, "/api/filing/cancellations", TestIdentity.Enterprise(FilingHost.Enterprise)))
            Assert.Equal(HttpStatusCode.Forbidden, enterprise.StatusCode);
    }

    [Fact]
    public async Task A_started_inspection_cannot_be_cancelled_and_only_the_filing_agency_cancels()
    {
        var client = host.Client;
        var (no, _) = await FileAsync(client, "XF", Unplanned("2026-12-15", "XF-01", "XF"));
        using (var byOther = await client.CallAsync(HttpMethod.Get, $"/api/filing/filings/{no}", TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 9, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var started = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/start", TestIdentity.Agency("XF")))
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        using (var late = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/cancel", TestIdentity.Agency("XF"), new { reason = "检查人员临时有事" }))
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        await host.QuietAsync();
        Assert.DoesNotContain(host.Published.OfType<FilingCancelled>(), c => c.FilingNo == no);
        Assert.Equal(1, await Sql.CountAsync(host.Database, "filings", "filing_no = $1 AND status = 'Started' AND cancelled_at IS NULL", no));
    }
}

/// <summary>Cancelling a filed visit of the plan: a participant may not, the lead agency may, and the
/// visit can then be filed again; the office pages through the cancellations, newest first.</summary>
public sealed class Cancelling_a_planned_visit(FilingHost host) : IClassFixture<FilingHost>
{
    [Fact]
    public async Task A_participant_may_not_cancel_and_a_cancelled_visit_is_filed_again()
    {
        var client = host.Client;
        using var filed = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing());
        var no = (await filed.JsonAsync()).GetProperty("filingNo").GetString()!;
        using (var participant = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/cancel", TestIdentity.Agency("XF"), new { reason = "消防部门无法参加" }))
            Assert.Equal(HttpStatusCode.Forbidden, participant.StatusCode);
        using (var cancelled = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/cancel", TestIdentity.Agency("YJ"), new { reason = "检查人员调整，重新备案" }))
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        using (var again = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing()))
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        // Only one filing of the visit is in force at a time.
        using (var third = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing()))
            Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
    }

    [Fact]
    public async Task The_office_pages_through_cancellations_newest_first()
    {
        var client = host.Client;
        var cancelled = new List<string>();
        foreach (var day in new[] { "2026-12-10", "2026-12-11", "2026-12-14" })
        {
            using var xf = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), new
            {
                unplannedReason = "消防设施专项复查", creditCode = FilingHost.Enterprise, matterCodes = new[] { "XF-01" },
                windowStart = $"{day}T09:00:00+08:00", windowEnd = $"{day}T11:00:00+08:00", inspectors = DemoRoster.Two("XF"),
            });
            var no = (await xf.JsonAsync()).GetProperty("filingNo").GetString()!;
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            using var cancel = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/cancel", TestIdentity.Agency("XF"), new { reason = "天气原因，暂停检查" });
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            cancelled.Add(no);
        }

        using var first = await client.CallAsync(HttpMethod.Get, "/api/filing/cancellations?agencyCode=XF&limit=2", TestIdentity.Office());
        var page1 = await first.JsonAsync();
        var next = page1.GetProperty("next").GetString();
        using var second = await client.CallAsync(HttpMethod.Get, $"/api/filing/cancellations?agencyCode=XF&limit=2&after={next}", TestIdentity.Office());
        var page2 = await second.JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, page2.GetProperty("next").ValueKind);
        var seen = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("filingNo").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(cancelled), seen);

        using var bad = await client.CallAsync(HttpMethod.Get, "/api/filing/cancellations?limit=0&after=non%20sense", TestIdentity.Office());
        var errors = await bad.ErrorsAsync(HttpStatusCode.BadRequest);
        Assert.True(errors.TryGetProperty("limit", out _) && errors.TryGetProperty("after", out _));
        // A filing that is not a cancellation of the list names no page.
        using var unknown = await client.CallAsync(HttpMethod.Get, "/api/filing/cancellations?after=BA2026-XF-99999", TestIdentity.Office());
        Assert.True((await unknown.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("after", out _));
    }
}
