using Filing.Contracts;
using MassTransit;
using Planning.Contracts;
using TestInfrastructure;
using Tolerance.Contracts;
using Xunit;

namespace Foundation.Tests;

/// <summary>Every event type the services consume, delivered a second time with the same message id
/// (as a broker does after a lost acknowledgement): no row anywhere changes and nothing new is
/// published — in planning, filing, tolerance and supervision alike.</summary>
public sealed class Duplicate_deliveries_change_nothing : IAsyncLifetime
{
    static readonly string[] Names = ["planning", "filing", "tolerance", "supervision"];
    readonly Dictionary<string, string> _databases = [];
    readonly List<IAsyncDisposable> _services = [];
    IBusControl _bus = null!;
    PrivateRabbitMq _rabbitMq = null!;
    string _broker = "";

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbitMq = infra.RabbitMq;
        var broker = _broker = await infra.RabbitMq.CreateVirtualHostAsync("duplicates");
        foreach (var name in Names) _databases[name] = await infra.Postgres.CreateDatabaseAsync(name);
        // Tolerance with its demo list published, so that completed inspections are decided.
        Dictionary<string, string> Settings(string name) => ServiceSettings.For(name, _databases[name], broker,
            new Dictionary<string, string> { ["Sweeps:InProcess"] = "false", ["Seed:DemoPark"] = name == "tolerance" ? "true" : "false" });
        var planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(Settings("planning"));
        var filing = new ServiceFactory<Filing.Api.Data.FilingDb>(Settings("filing"));
        var tolerance = new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(Settings("tolerance"));
        var supervision = new ServiceFactory<Supervision.Api.Data.SupervisionDb>(Settings("supervision"));
        _services.AddRange([planning, filing, tolerance, supervision]);
        planning.CreateClient().Dispose();
        filing.CreateClient().Dispose();
        tolerance.CreateClient().Dispose();
        supervision.CreateClient().Dispose();
        _bus = await TestBroker.StartAsync(broker);
    }

    public async Task DisposeAsync()
    {
        await _bus.StopAsync();
        foreach (var s in _services) await s.DisposeAsync();
    }

    static IEnumerable<object> Events()
    {
        const string e1 = "91330183MA2100001M", e2 = "91330183MA2100002Q";
        var now = DateTimeOffset.Parse("2026-12-01T02:00:00Z");
        yield return new EnterpriseRegistered(e1, "华东精细化工有限公司", "化工园区A区", "化工", RiskLevel.High, [], now);
        yield return new EnterpriseRegistered(e2, "华东机械制造有限公司", "装备制造区", "机械制造", RiskLevel.Medium, [], now);
        yield return new EnterpriseChanged(e1, 2, "华东精细化工股份有限公司", "化工园区A区", "化工", RiskLevel.High, [], now) ;
        yield return new MatterCatalogChanged("YJ-01", 1, "YJ", "危化品使用储存", InspectionCategory.Routine, true, "《危险化学品安全管理条例》", 2, new DateOnly(2026, 1, 1), null, now);
        yield return new MatterCatalogChanged("XF-01", 1, "XF", "消防设施配备情况", InspectionCategory.Routine, true, "《消防法》", 4, new DateOnly(2026, 1, 1), null, now);
        yield return new WorkingCalendarChanged(2026, 1, OfficialCalendar.Holidays.Where(d => d.Year == 2026).ToList(), OfficialCalendar.MakeUpWorkdays.Where(d => d.Year == 2026).ToList(), now);
        yield return new PlanPublished("2026-Q4", Guid.NewGuid(), 34, 20, 12, 8, 0.4118, 0.315, 18, now);
        yield return new JointInspectionScheduled("2026-Q4-J1", "2026-Q4", e1, "华东精细化工有限公司", new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 24), false, "YJ",
            [new ScheduledAgency("YJ", "应急管理局"), new ScheduledAgency("XF", "消防救援大队")],
            [new ScheduledMatter("YJ-01", "危化品使用储存", "YJ", true, MandateLevel.County, ["D1"]), new ScheduledMatter("XF-01", "消防设施配备情况", "XF", true, MandateLevel.Provincial, ["D2"])], now);
        yield return new InspectionFiled("BA2026-YJ-00001", "2026-Q4-J1", false, e1, "YJ", ["YJ", "XF"], ["YJ-01", "XF-01"], now.AddDays(8), now.AddDays(8).AddHours(3), now);
        yield return new InspectionCompleted("BA2026-YJ-00001", "2026-Q4-J1", e1, "YJ", ["YJ", "XF"], true,
            [new Finding("YJ-01", "YJ", "安全周知卡缺失", 1, true, null, HarmCaused: false), new Finding("XF-01", "XF", "灭火器压力不足", 4, false, new DateOnly(2026, 12, 20), HarmCaused: true)],
            now.AddDays(8), now.AddDays(8).AddHours(2));
        yield return new EmergencyPreFiled("JJ2026-YJ-0001", "YJ", e2, "张副局长", "危化品泄漏", now);
        yield return new EmergencyBackfilled("JJ2026-YJ-0001", "YJ", e2, new DateOnly(2026, 12, 8), now.AddDays(3), true);
        yield return new BackfillOverdue("JJ2026-XF-0001", "XF", e2, new DateOnly(2026, 12, 8), now.AddDays(8));
        yield return new UnfiledInspectionReported(Guid.Parse("0193a3c0-0000-7000-8000-000000000001"), e1, "SJ", null, "未出示备案即要求检查", now, now);
        yield return new ToleranceDecisionIssued(Guid.Parse("0193a3c0-0000-7000-8000-000000000002"), "BA2026-SJ-00001", 0, e2, "SJ", "SJ-01", DecisionKind.ConditionallyTolerated, ToleranceOutcome.LighterPenalty, "XZ-SJ-002", 1, new DateOnly(2026, 12, 10), now);
        yield return new ToleranceDecisionRevoked(Guid.Parse("0193a3c0-0000-7000-8000-000000000002"), "BA2026-SJ-00001", 0, e2, "SJ", new DateOnly(2026, 12, 10), now.AddDays(10));
    }

    [Fact]
    public async Task A_second_delivery_of_every_event_changes_no_row_and_publishes_nothing()
    {
        var sent = new List<(object Message, Guid Id)>();
        foreach (var message in Events())
        {
            var id = NewId.NextGuid();
            await _bus.Publish(message, message.GetType(), ctx => ctx.MessageId = id);
            sent.Add((message, id));
            await _rabbitMq.DeliveredAsync(_broker);   // handled in order, as the publishers would have sent them
        }
        var first = await SettledAsync();
        Assert.True(first["supervision.cases"] == 2, "the overdue backfill and the refusal opened cases");
        Assert.True(first["tolerance.decisions"] == 2, "both findings were decided");

        foreach (var (message, id) in sent) await _bus.Publish(message, message.GetType(), ctx => ctx.MessageId = id);
        var second = await SettledAsync();
        Assert.Equal(first, second);
    }

    /// <summary>Every table of every service (the inbox aside), once nothing is left to happen: every
    /// delivery handled, every event it caused published and handled in turn.</summary>
    async Task<Dictionary<string, long>> SettledAsync()
    {
        await _rabbitMq.QuietAsync(_broker, _databases.Values);
        var counts = new Dictionary<string, long>();
        foreach (var (name, db) in _databases)
            foreach (var (table, count) in await Sql.TableCountsAsync(db)) counts[$"{name}.{table}"] = count;
        return counts;
    }
}
