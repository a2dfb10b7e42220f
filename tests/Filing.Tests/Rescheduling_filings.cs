using System.Net;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>The filing agency moves a filing to a new window before it starts, with a reason; the new
/// window is checked like a filing's, the gate shows it, and the earlier one stays on record.</summary>
public sealed class Rescheduling_filings(FilingHost host) : IClassFixture<FilingHost>
{
    static object Window(string start, string end, string reason = "企业申请错开生产高峰") => new { windowStart = start, windowEnd = end, reason };

    [Fact]
    public async Task A_moved_filing_shows_its_new_window_at_the_gate_and_keeps_the_earlier_one()
    {
        var client = host.Client;
        using var filed = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing());
        var json = await filed.JsonAsync();
        var (no, code) = (json.GetProperty("filingNo").GetString()!, json.GetProperty("verificationCode").GetString()!);

        // Outside the plan's window (7 to 24 December), in the enterprise's quiet days, already past, without a reason.
        using (var outside = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/reschedule", TestIdentity.Agency("YJ"),
            Window("2026-12-28T09:00:00+08:00", "2026-12-28T12:00:00+08:00")))
            await outside.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "windowStart");
        using (var quiet = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/reschedule", TestIdentity.Agency("YJ"),
            Window("2026-12-22T09:00:00+08:00", "2026-12-22T12:00:00+08:00")))
            await quiet.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "windowStart");
        using (var past = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/reschedule", TestIdentity.Agency("YJ"),
            Window("2026-11-30T09:00:00+08:00", "2026-11-30T12:00:00+08:00")))
            await past.AssertProblemAsync(HttpStatusCode.BadRequest, "windowStart");
        using (var noReason = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/reschedule", TestIdentity.Agency("YJ"),
            Window("2026-12-10T09:00:00+08:00", "2026-12-10T12:00:00+08:00", "")))
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        using (var participant = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/reschedule", TestIdentity.Agency("XF"),
            Window("2026-12-10T09:00:00+08:00", "2026-12-10T12:00:00+08:00")))
            Assert.Equal(HttpStatusCode.Forbidden, participant.StatusCode);
        await host.QuietAsync();
        Assert.DoesNotContain(host.Published.OfType<FilingRescheduled>(), r => r.FilingNo == no);
        Assert.Equal(1, await Sql.CountAsync(host.Database, "filings", "filing_no = $1 AND reschedules = '[]'::jsonb", no));

        using (var moved = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/reschedule", TestIdentity.Agency("YJ"),
            Window("2026-12-10T14:00:00+08:00", "2026-12-10T17:00:00+08:00")))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            var history = (await moved.JsonAsync()).GetProperty("reschedules");
            Assert.Equal(1, history.GetArrayLength());
            Assert.Equal(new DateTimeOffset(2026, 12, 9, 1, 0, 0, TimeSpan.Zero), history[0].GetProperty("previousWindowStart").GetDateTimeOffset());
            Assert.Equal("企业申请错开生产高峰", history[0].GetProperty("reason").GetString());
            // The enterprise reads the filing too: who moved it is not in it.
            Assert.False(history[0].TryGetProperty("rescheduledBy", out _));
        }
        var events = await Eventually.Until(() => Task.FromResult(host.Published.OfType<FilingRescheduled>().Where(r => r.FilingNo == no).ToList()), l => l.Count == 1, "FilingRescheduled is published");
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 6, 0, 0, TimeSpan.Zero), events[0].WindowStart);
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 1, 0, 0, TimeSpan.Zero), events[0].PreviousWindowStart);

        // On the old day the filing is not yet valid; on the new one it is, and the inspection starts.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 9, 9, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var oldDay = await client.GetAsync($"/api/filing/verify/{code}"))
        {
            var shown = await oldDay.JsonAsync();
            Assert.Equal("NotYetValid", shown.GetProperty("status").GetString());
            Assert.Equal(new DateTimeOffset(2026, 12, 10, 6, 0, 0, TimeSpan.Zero), shown.GetProperty("windowStart").GetDateTimeOffset());
        }
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 14, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var started = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/start", TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        using (var tooLate = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{no}/reschedule", TestIdentity.Agency("YJ"),
            Window("2026-12-11T09:00:00+08:00", "2026-12-11T12:00:00+08:00")))
            Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
    }
}
