using System.Net;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>The filing service on the eve of the 2026 National Day holidays (1–7 October, make-up workday
/// Saturday 10 October), 08:00 on Wednesday 30 September.</summary>
public sealed class FilingHostBeforeNationalDay() : FilingHost(new DateTimeOffset(2026, 9, 30, 8, 0, 0, TimeSpan.FromHours(8)));

/// <summary>An emergency whose end is never recorded is due as if it ended when expected: the sweep flags
/// it once, on the right working day of the real calendar, and a late end buys no time. The office finds
/// it by enterprise, agency and day.</summary>
public sealed class Emergencies_without_a_loophole(FilingHostBeforeNationalDay host) : IClassFixture<FilingHostBeforeNationalDay>
{
    static DateTimeOffset China(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    async Task<int> SweepAsync()
    {
        using var response = await host.Client.PostAsync("/sweeps/backfill-overdue", null);
        return (await response.JsonAsync()).GetProperty("raised").GetInt32();
    }

    [Fact]
    public async Task A_pre_filing_never_ended_is_flagged_once_the_working_day_after_its_deadline_and_a_late_end_moves_nothing()
    {
        var client = host.Client;
        var stored = await Sql.CountAsync(host.Database, "emergency_pre_filings");
        using (var noEnd = await client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency("YJ"), new
        {
            creditCode = FilingHost.Enterprise, reason = "群众举报疑似危化品泄漏", approvedBy = "赵副局长", approvedAt = China(9, 30, 7, 30),
        }))
            await noEnd.AssertProblemAsync(HttpStatusCode.BadRequest, "expectedEndAt");
        Assert.Equal(stored, await Sql.CountAsync(host.Database, "emergency_pre_filings"));

        using var pre = await client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency("YJ"), new
        {
            creditCode = FilingHost.Enterprise, reason = "群众举报疑似危化品泄漏", approvedBy = "赵副局长", approvedAt = China(9, 30, 7, 30), expectedEndAt = China(9, 30, 18),
        });
        Assert.Equal(HttpStatusCode.Created, pre.StatusCode);
        var created = await pre.JsonAsync();
        var no = created.GetProperty("provisionalNo").GetString()!;
        // Five working days after Wednesday 30 September: 8, 9, 10 (make-up Saturday), 12 and 13 October.
        Assert.Equal("2026-10-13", created.GetProperty("backfillDeadline").GetString());

        host.Clock.SetUtcNow(China(10, 13, 23, 30).ToUniversalTime());
        Assert.Equal(0, await SweepAsync());
        host.Clock.SetUtcNow(China(10, 14, 0, 30).ToUniversalTime());
        // Other emergencies of this host may fall due with it; this one is raised in this sweep, once.
        Assert.True(await SweepAsync() >= 1);
        Assert.Equal(0, await SweepAsync());
        var overdue = await Eventually.Until(() => Task.FromResult(host.Published.OfType<BackfillOverdue>().Where(b => b.ProvisionalNo == no).ToList()), l => l.Count == 1, "one overdue alert");
        Assert.Equal(new DateOnly(2026, 10, 13), overdue[0].Deadline);

        // An end recorded long after the grace period does not move the deadline.
        using (var late = await client.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{no}/end", TestIdentity.Agency("YJ"), new { endedAt = China(10, 12, 17) }))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            Assert.Equal("2026-10-13", (await late.JsonAsync()).GetProperty("backfillDeadline").GetString());
        }
        Assert.Equal(0, await SweepAsync());
        await host.QuietAsync();
        Assert.Single(host.Published.OfType<BackfillOverdue>(), b => b.ProvisionalNo == no);
    }

    [Fact]
    public async Task The_office_finds_an_emergency_by_enterprise_agency_and_day()
    {
        var client = host.Client;
        var now = host.Clock.GetUtcNow();
        using var pre = await client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency("XF"), new
        {
            creditCode = FilingHost.Enterprise, reason = "企业报警，仓库冒烟", approvedBy = "李副大队长", approvedAt = now.AddMinutes(-20), expectedEndAt = now.AddHours(3),
        });
        var no = (await pre.JsonAsync()).GetProperty("provisionalNo").GetString();
        var today = ServiceDefaults.ChinaTime.Day(now);

        async Task<List<string?>> FindAsync(string query, string token)
        {
            using var found = await client.CallAsync(HttpMethod.Get, $"/api/filing/emergency?{query}", token);
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            return [.. (await found.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("provisionalNo").GetString())];
        }
        Assert.Equal([no], await FindAsync($"creditCode={FilingHost.Enterprise}&agencyCode=XF&day={today:yyyy-MM-dd}", TestIdentity.Office()));
        Assert.Empty(await FindAsync($"creditCode={FilingHost.Enterprise}&agencyCode=XF&day={today.AddDays(-1):yyyy-MM-dd}", TestIdentity.Office()));
        Assert.Empty(await FindAsync($"creditCode={FilingHost.Enterprise}&agencyCode=SJ&day={today:yyyy-MM-dd}", TestIdentity.Office()));
        Assert.Equal([no], await FindAsync($"day={today:yyyy-MM-dd}", TestIdentity.Enterprise(FilingHost.Enterprise)));
        Assert.Empty(await FindAsync($"agencyCode=XF&day={today:yyyy-MM-dd}", TestIdentity.Agency("SJ")));
        using var bad = await client.CallAsync(HttpMethod.Get, "/api/filing/emergency?creditCode=123", TestIdentity.Office());
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "creditCode");
    }
}
