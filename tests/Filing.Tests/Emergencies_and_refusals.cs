using System.Net;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>An emergency pre-filed orally whose written filing comes late raises one overdue alert,
/// even with two sweeps racing; an enterprise's refusal is reported on.</summary>
public sealed class Emergencies_and_refusals(FilingHost host) : IClassFixture<FilingHost>
{
    [Fact]
    public async Task A_late_written_filing_raises_one_overdue_alert_even_when_two_sweeps_race()
    {
        var client = host.Client;
        using var pre = await client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency("YJ"), new
        {
            creditCode = FilingHost.Enterprise, reason = "群众举报疑似危化品泄漏", approvedBy = "赵副局长", approvedAt = "2026-12-01T08:30:00+08:00", expectedEndAt = "2026-12-01T10:00:00+08:00",
        });
        Assert.Equal(HttpStatusCode.Created, pre.StatusCode);
        var no = (await pre.JsonAsync()).GetProperty("provisionalNo").GetString();

        // The office looks it up when the enterprise phones; another agency cannot.
        using (var office = await client.CallAsync(HttpMethod.Get, $"/api/filing/emergency/{no}", TestIdentity.Office()))
            Assert.Equal("赵副局长", (await office.JsonAsync()).GetProperty("approvedBy").GetString());
        using (var other = await client.CallAsync(HttpMethod.Get, $"/api/filing/emergency/{no}", TestIdentity.Agency("XF")))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var ended = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/end", TestIdentity.Agency("YJ"), new { endedAt = "2026-12-01T08:55:00+08:00" });
        Assert.Equal("2026-12-08", (await ended.JsonAsync()).GetProperty("backfillDeadline").GetString());

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 20, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var onTime = await client.PostAsync("/sweeps/backfill-overdue", null))
            Assert.Equal(0, (await onTime.JsonAsync()).GetProperty("raised").GetInt32());

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 9, 0, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var probe = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/sweeps/backfill-overdue")))
            Assert.True(probe.IsSuccessStatusCode, "the Dapr sidecar's OPTIONS probe must see the binding handled");
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var response = await client.PostAsync("/sweeps/backfill-overdue", null);
            return (await response.JsonAsync()).GetProperty("raised").GetInt32();
        }));
        Assert.Equal(1, sweeps.Sum());
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<BackfillOverdue>().Count(b => b.ProvisionalNo == no)), n => n == 1, "one overdue alert");
        using (var again = await client.PostAsync("/sweeps/backfill-overdue", null))
            Assert.Equal(0, (await again.JsonAsync()).GetProperty("raised").GetInt32());

        using var late = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/backfill", TestIdentity.Agency("YJ"), new
        {
            matterCodes = Array.Empty<string>(), inspectors = new[] { new { name = "王伟", certificateNo = "33018301001", agencyCode = "YJ" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(host.Database, "emergency_pre_filings", "backfilled_at IS NOT NULL"));
        // Filed late after all: the written filing is recorded, and supervision is told it was late.
        using var written = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/backfill", TestIdentity.Agency("YJ"), new
        {
            matterCodes = new[] { "YJ-01" },
            inspectors = DemoRoster.Two("YJ"),
        });
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        var backfilled = await Eventually.Until(() => Task.FromResult(host.Published.OfType<EmergencyBackfilled>().Where(b => b.ProvisionalNo == no).ToList()), l => l.Count == 1, "the written filing is announced");
        Assert.False(backfilled[0].OnTime);
        Assert.Equal(new DateOnly(2026, 12, 8), backfilled[0].Deadline);
        await host.QuietAsync();
        Assert.Single(host.Published.OfType<BackfillOverdue>(), b => b.ProvisionalNo == no);
    }

    [Fact]
    public async Task An_enterprise_reports_an_unfiled_inspection_and_only_it_and_the_office_see_the_report()
    {
        using var reported = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/refusals", TestIdentity.Enterprise(FilingHost.Enterprise), new
        {
            agencyCode = "SJ", description = "两名自称市场监管人员到厂检查，无法出示备案，已拒绝", occurredAt = "2026-12-01T08:00:00+08:00",
        });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<UnfiledInspectionReported>().Count(u => u.CreditCode == FilingHost.Enterprise)), n => n == 1, "the report is published");

        using var own = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/refusals", TestIdentity.Enterprise(FilingHost.Enterprise));
        Assert.Equal(1, (await own.JsonAsync()).GetProperty("items").GetArrayLength());
        using var other = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/refusals", TestIdentity.Enterprise("91330100716105852F"));
        Assert.Equal(0, (await other.JsonAsync()).GetProperty("items").GetArrayLength());
        using var agency = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/refusals", TestIdentity.Agency("SJ"));
        Assert.Equal(HttpStatusCode.Forbidden, agency.StatusCode);
        using var bad = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/refusals", TestIdentity.Enterprise(FilingHost.Enterprise), new { description = "x", occurredAt = "2030-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(1, await Sql.CountAsync(host.Database, "refusals"));
    }
}
