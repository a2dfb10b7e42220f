using System.Net;
using Filing.Contracts;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>A completion sent twice at once (a double click, a retry racing its original) completes the
/// inspection once: one answer 200, the other 409, and one <see cref="InspectionCompleted"/> leaves.
/// Fired together for many inspections, so that the two requests really overlap.</summary>
public sealed class Completing_twice_at_once(FilingHost host) : IClassFixture<FilingHost>
{
    const int Inspections = 15;

    [Fact]
    public async Task Two_completions_at_once_complete_the_inspection_once_and_publish_one_event()
    {
        // A matter of its own with room for every filing of the year.
        await host.Bus.Publish(new MatterCatalogChanged("YJ-90", 1, "YJ", "危化品重大危险源管控", InspectionCategory.Routine, true, "《危险化学品安全管理条例》", 100, new DateOnly(2026, 1, 1), null, DateTimeOffset.UtcNow));
        await Eventually.Until(() => Sql.CountAsync(host.Database, "matters", "code = 'YJ-90'"), n => n == 1, "filing knows the matter");

        var filingNos = new List<string>();
        for (var i = 0; i < Inspections; i++)
        {
            using var filed = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), new
            {
                unplannedReason = "群众举报需现场核查", creditCode = FilingHost.Enterprise, matterCodes = new[] { "YJ-90" },
                windowStart = "2026-12-10T09:00:00+08:00", windowEnd = "2026-12-10T12:00:00+08:00",
                inspectors = DemoRoster.Two("YJ"),
            });
            Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
            filingNos.Add((await filed.JsonAsync()).GetProperty("filingNo").GetString()!);
        }
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 9, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        foreach (var filingNo in filingNos)
        {
            using var started = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/start", TestIdentity.Agency("YJ"));
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        var findings = new { findings = new[] { new { matterCode = "YJ-90", description = "重大危险源监测数据未接入", severity = 1, rectifiedOnTheSpot = true, harmCaused = false } } };
        var answers = await Task.WhenAll(filingNos.SelectMany(filingNo => Enumerable.Range(0, 2).Select(async _ =>
        {
            using var response = await host.Client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/complete", TestIdentity.Agency("YJ"), findings);
            return (filingNo, response.StatusCode);
        })));

        foreach (var filingNo in filingNos)
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Where(a => a.filingNo == filingNo).Select(a => a.StatusCode).Order());
        await host.QuietAsync();
        foreach (var filingNo in filingNos)
            Assert.Equal(1, host.Published.OfType<InspectionCompleted>().Count(c => c.FilingNo == filingNo));
    }
}
