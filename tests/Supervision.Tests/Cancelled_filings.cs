using System.Text.Json;
using Filing.Contracts;
using MassTransit;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>A filing cancelled before its inspection: supervision's read model marks it, and a retaliation
/// flag raised on it shows the task force it did not go ahead, whichever event arrives first.</summary>
public sealed class Cancelled_filings : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    static FilingCancelled Cancelled(string filingNo, string enterprise) =>
        new(filingNo, null, enterprise, "YJ", ["YJ"], SupervisionHost.At("2026-12-06T09:00"), SupervisionHost.At("2026-12-06T12:00"),
            "企业已主动整改，无需检查", SupervisionHost.At("2026-12-05T12:00"));

    [Fact]
    public async Task A_flagged_filing_that_is_cancelled_shows_its_cancellation_to_the_task_force()
    {
        await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "Misconduct", agencyCode = "YJ", description = "检查人员索要购物卡" });
        await _host.InspectAsync("BA2026-YJ-00010", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-12-05T09:00"), unplanned: true);
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "retaliation_flags"), n => n == 1, "the filing is flagged");

        var cancelled = Cancelled("BA2026-YJ-00010", SupervisionHost.E1);
        var id = NewId.NextGuid();
        await _host.Bus.Publish(cancelled, ctx => ctx.MessageId = id);
        await _host.Bus.Publish(cancelled, ctx => ctx.MessageId = id);   // redelivered
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections", "cancelled_at IS NOT NULL"), n => n == 1, "the read model knows the cancellation");
        await _host.DeliveredAsync();

        var (_, text) = await _host.GetAsync("/api/supervision/retaliation-flags", TestIdentity.Discipline());
        var flag = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(cancelled.CancelledAt, flag.GetProperty("filingCancelledAt").GetDateTimeOffset());
        Assert.Equal(1, await Sql.CountAsync(_host.Database, "retaliation_flags"));
    }

    [Fact]
    public async Task A_cancellation_that_arrives_before_its_filing_still_marks_the_flag()
    {
        await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "Misconduct", agencyCode = "YJ", description = "检查人员态度粗暴" });
        await _host.Bus.Publish(Cancelled("BA2026-YJ-00011", SupervisionHost.E1));
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections", "cancelled_at IS NOT NULL"), n => n == 1, "the cancellation is known");
        await _host.InspectAsync("BA2026-YJ-00011", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-12-05T09:00"), unplanned: true);
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "retaliation_flags", "filing_cancelled_at IS NOT NULL"), n => n == 1, "the flag shows the cancellation");
        Assert.Equal(1, await Sql.CountAsync(_host.Database, "inspections", "filing_no = 'BA2026-YJ-00011' AND filed_at IS NOT NULL AND cancelled_at IS NOT NULL"));
    }
}
