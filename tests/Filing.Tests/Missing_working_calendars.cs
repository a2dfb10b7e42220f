using System.Net;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>A deadline that runs into a year without a working calendar is not guessed on weekdays: the
/// office sees the year missing and the emergencies waiting for it, and the deadline is counted when the
/// calendar arrives.</summary>
public sealed class Missing_working_calendars(FilingHost host) : IClassFixture<FilingHost>
{
    [Fact]
    public async Task A_deadline_into_a_year_without_a_calendar_waits_for_it_and_the_office_sees_the_gap()
    {
        var client = host.Client;
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 22, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        var now = host.Clock.GetUtcNow();
        using var pre = await client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency("YJ"), new
        {
            creditCode = FilingHost.Enterprise, reason = "群众举报疑似危化品泄漏", approvedBy = "赵副局长", approvedAt = now.AddMinutes(-30),
            expectedEndAt = "2026-12-28T12:00:00+08:00",
        });
        Assert.Equal(HttpStatusCode.Created, pre.StatusCode);
        var created = await pre.JsonAsync();
        var no = created.GetProperty("provisionalNo").GetString();
        // 29, 30 and 31 December count; the next two working days are in 2027, whose calendar is not entered.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("backfillDeadline").ValueKind);
        Assert.Equal(2027, created.GetProperty("calendarMissingFor").GetInt32());

        using (var gaps = await client.CallAsync(HttpMethod.Get, "/api/filing/calendar-gaps", TestIdentity.Office()))
        {
            var gap = Assert.Single((await gaps.JsonAsync()).EnumerateArray());
            Assert.Equal(2027, gap.GetProperty("year").GetInt32());
            Assert.Equal([no], gap.GetProperty("emergenciesWaiting").EnumerateArray().Select(e => e.GetString()));
        }
        using (var figures = await client.CallAsync(HttpMethod.Get, "/api/filing/figures?period=2026-Q4", TestIdentity.Office()))
            Assert.Equal([2027], (await figures.JsonAsync()).GetProperty("yearsWithoutCalendar").EnumerateArray().Select(y => y.GetInt32()));
        using (var enterprise = await client.CallAsync(HttpMethod.Get, "/api/filing/calendar-gaps", TestIdentity.Enterprise(FilingHost.Enterprise)))
            Assert.Equal(HttpStatusCode.Forbidden, enterprise.StatusCode);

        // The office enters 2027 (New Year's Day on Friday 1 January): the deadline is the fifth working day, Tuesday 5 January.
        await host.Bus.Publish(new WorkingCalendarChanged(2027, 1, [new DateOnly(2027, 1, 1)], [], DateTimeOffset.UtcNow));
        var counted = await Eventually.Until(async () => await (await client.CallAsync(HttpMethod.Get, $"/api/filing/emergency/{no}", TestIdentity.Office())).JsonAsync(),
            e => e.GetProperty("backfillDeadline").ValueKind == System.Text.Json.JsonValueKind.String, "the deadline is counted");
        Assert.Equal("2027-01-05", counted.GetProperty("backfillDeadline").GetString());
        using var none = await client.CallAsync(HttpMethod.Get, "/api/filing/calendar-gaps", TestIdentity.Office());
        Assert.Equal(0, (await none.JsonAsync()).GetArrayLength());
    }
}
