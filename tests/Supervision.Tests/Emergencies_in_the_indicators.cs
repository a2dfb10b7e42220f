using System.Text.Json;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>An emergency completed by its written filing counts as an inspection but not as one filed
/// beforehand; a withdrawn pre-filing is no emergency inspection at all.</summary>
public sealed class Emergencies_in_the_indicators : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_written_emergency_counts_as_a_solo_inspection_not_filed_beforehand_and_a_withdrawn_one_not_at_all()
    {
        var bus = _host.Bus;
        await _host.InspectAsync("BA2026-YJ-00020", SupervisionHost.E1, ["YJ", "XF"], SupervisionHost.At("2026-11-02T09:00"), completedAt: SupervisionHost.At("2026-11-03T11:00"));
        await bus.Publish(new EmergencyPreFiled("JJ2026-XF-0007", "XF", SupervisionHost.E2, "李副大队长", "仓库冒烟", SupervisionHost.At("2026-11-05T08:00")));
        await bus.Publish(new InspectionCompleted("JJ2026-XF-0007", null, SupervisionHost.E2, "XF", ["XF"], false,
            [new Finding("XF-01", "XF", "消防通道堆放杂物", 2, true, null, HarmCaused: false)], SupervisionHost.At("2026-11-05T08:00"), SupervisionHost.At("2026-11-05T10:00"), Emergency: true));
        await bus.Publish(new EmergencyPreFiled("JJ2026-YJ-0008", "YJ", SupervisionHost.E3, "赵副局长", "疑似泄漏", SupervisionHost.At("2026-11-06T08:00")));
        await bus.Publish(new EmergencyWithdrawn("JJ2026-YJ-0008", "YJ", SupervisionHost.E3, "误报，未实施检查", SupervisionHost.At("2026-11-06T08:20")));

        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections", "completed_at IS NOT NULL"), n => n == 2, "both inspections are known");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "emergencies", "withdrawn_at IS NOT NULL"), n => n == 1, "the withdrawal is known");
        await _host.DeliveredAsync();

        var (_, text) = await _host.GetAsync("/api/supervision/indicators?period=2026-Q4", TestIdentity.Office());
        var indicators = JsonDocument.Parse(text).RootElement;
        Assert.Equal(2, indicators.GetProperty("inspections").GetProperty("completed").GetInt32());
        Assert.Equal(1, indicators.GetProperty("inspections").GetProperty("solo").GetInt32());
        var filing = indicators.GetProperty("filing");
        Assert.Equal(1, filing.GetProperty("filedBeforehand").GetInt32());
        Assert.Equal(1, filing.GetProperty("emergencyPreFilings").GetInt32());
        Assert.Equal(0.5, filing.GetProperty("coverage").GetDouble());
    }
}
