using System.Net;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>An emergency pre-filing is withdrawn with a reason while its inspection may still be going on,
/// never after; its written filing completes the inspection like any other, findings and all.</summary>
public sealed class Withdrawing_and_writing_up_emergencies(FilingHost host) : IClassFixture<FilingHost>
{
    async Task<string> PreFileAsync(string agency = "YJ")
    {
        var now = host.Clock.GetUtcNow();
        using var pre = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency(agency), new
        {
            creditCode = FilingHost.Enterprise, reason = "群众举报疑似危化品泄漏", approvedBy = "赵副局长", approvedAt = now.AddMinutes(-30), expectedEndAt = now.AddHours(2),
        });
        Assert.Equal(HttpStatusCode.Created, pre.StatusCode);
        return (await pre.JsonAsync()).GetProperty("provisionalNo").GetString()!;
    }

    [Fact]
    public async Task A_withdrawn_pre_filing_is_announced_and_cannot_be_ended_written_or_flagged()
    {
        var client = host.Client;
        var no = await PreFileAsync();
        using (var noReason = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/withdraw", TestIdentity.Agency("YJ"), new { reason = "" }))
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        using (var other = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/withdraw", TestIdentity.Agency("XF"), new { reason = "误报，未实施检查" }))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var withdrawn = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/withdraw", TestIdentity.Agency("YJ"), new { reason = "误报，未实施检查" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
            Assert.Equal("误报，未实施检查", (await withdrawn.JsonAsync()).GetProperty("withdrawalReason").GetString());
        }
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<EmergencyWithdrawn>().Count(w => w.ProvisionalNo == no)), n => n == 1, "EmergencyWithdrawn is published");
        using (var end = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/end", TestIdentity.Agency("YJ"), new { endedAt = host.Clock.GetUtcNow() }))
            Assert.Equal(HttpStatusCode.Conflict, end.StatusCode);
        using (var again = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/withdraw", TestIdentity.Agency("YJ"), new { reason = "再次撤回" }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Past its expected end and the grace period, a pre-filing can no longer be withdrawn; the withdrawn one is never flagged.
        var due = await PreFileAsync();
        host.Clock.Advance(TimeSpan.FromHours(15));
        using (var tooLate = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{due}/withdraw", TestIdentity.Agency("YJ"), new { reason = "误报，未实施检查" }))
            Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(14));
        using (var sweep = await client.PostAsync("/sweeps/backfill-overdue", null))
            Assert.True((await sweep.JsonAsync()).GetProperty("raised").GetInt32() >= 1);
        await host.QuietAsync();
        Assert.DoesNotContain(host.Published.OfType<BackfillOverdue>(), b => b.ProvisionalNo == no);
        Assert.Contains(host.Published.OfType<BackfillOverdue>(), b => b.ProvisionalNo == due);
    }

    [Fact]
    public async Task A_written_emergency_filing_completes_the_inspection_with_its_findings()
    {
        var client = host.Client;
        var no = await PreFileAsync("XF");
        using (var ended = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/end", TestIdentity.Agency("XF"), new { endedAt = host.Clock.GetUtcNow() }))
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var finding = new { matterCode = "XF-01", description = "消防通道堆放杂物", severity = 2, rectifiedOnTheSpot = true, harmCaused = false };
        using (var wrongMatter = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/backfill", TestIdentity.Agency("XF"), new
        {
            matterCodes = new[] { "XF-01" }, inspectors = DemoRoster.Two("XF"), findings = "现场处置完毕", findingList = new[] { finding with { matterCode = "YJ-01" } },
        }))
            await wrongMatter.AssertProblemAsync(HttpStatusCode.BadRequest, "findingList[0].matterCode");
        Assert.Equal(0, await Sql.CountAsync(host.Database, "emergency_pre_filings", "provisional_no = $1 AND backfilled_at IS NOT NULL", no));

        using (var written = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/backfill", TestIdentity.Agency("XF"), new
        {
            matterCodes = new[] { "XF-01" }, inspectors = DemoRoster.Two("XF"), findings = "现场处置完毕", findingList = new[] { finding },
        }))
            Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        var completed = await Eventually.Until(() => Task.FromResult(host.Published.OfType<InspectionCompleted>().Where(c => c.FilingNo == no).ToList()), l => l.Count == 1, "the inspection is completed");
        Assert.True(completed[0].Emergency);
        Assert.False(completed[0].Joint);
        Assert.Equal(["XF"], completed[0].Agencies);
        Assert.Equal("消防通道堆放杂物", Assert.Single(completed[0].Findings).Description);
        Assert.Single(host.Published.OfType<EmergencyBackfilled>(), b => b.ProvisionalNo == no);
    }
}
