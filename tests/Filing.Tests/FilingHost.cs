using System.Collections.Concurrent;
using Filing.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>The filing service on its own database and virtual host, on a clock the test moves, fed
/// by events published as planning publishes them, with a bus recording what filing publishes.</summary>
public class FilingHost : IAsyncLifetime
{
    public FilingHost() : this(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8))) { }

    /// <summary>A host whose clock starts at <paramref name="start"/> (the clock only moves forward), with
    /// <paramref name="settings"/> beside the usual ones.</summary>
    protected FilingHost(DateTimeOffset start, IReadOnlyDictionary<string, string>? settings = null)
    {
        Clock = new(start.ToUniversalTime());
        _settings = settings ?? new Dictionary<string, string>();
    }

    readonly IReadOnlyDictionary<string, string> _settings;

    public const string Enterprise = "91330183MA2100001M";
    public const string JointId = "2026-Q4-91330183MA2100001M-20261209-1";

    /// <summary>The days the rosters' certificates are valid, around the tests' December 2026.</summary>
    public static readonly (DateOnly From, DateOnly Until) Certified = (new DateOnly(2025, 1, 1), new DateOnly(2028, 12, 31));

    /// <summary>An inspector of YJ's roster whose certificate ran out on 8 December 2026, the day before the visit.</summary>
    public static readonly object Expired = new { name = "周洁", certificateNo = "33018301007", agencyCode = "YJ" };

    /// <summary>An agency's roster as planning publishes it: the demo park's six inspectors and <paramref name="more"/>.</summary>
    public static AgencyChanged Roster(string agency, string name, int revision = 1, params CertifiedInspector[] more) =>
        new(agency, revision, name, [.. Enumerable.Range(1, 6).Select(n => DemoRoster.Certificate(agency, n))
            .Select(c => new CertifiedInspector(c.CertificateNo, c.Name, Certified.From, Certified.Until)), .. more], DateTimeOffset.UtcNow);

    public FakeTimeProvider Clock { get; }
    public string Database { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public ConcurrentQueue<object> Published { get; } = new();
    public IBusControl Bus { get; private set; } = null!;
    ServiceFactory<Filing.Api.Data.FilingDb> _service = null!;
    PrivateRabbitMq _rabbitMq = null!;
    public string Broker { get; private set; } = "";

    /// <summary>Waits until every message sent so far is handled (redeliveries too).</summary>
    public async Task DeliveredAsync() => await _rabbitMq.DeliveredAsync(Broker);

    /// <summary>Waits until nothing is left to happen on its own: every message handled, every event the
    /// service wrote published and seen.</summary>
    public async Task QuietAsync() => await _rabbitMq.QuietAsync(Broker, [Database]);

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbitMq = infra.RabbitMq;
        var broker = Broker = await infra.RabbitMq.CreateVirtualHostAsync("filing");
        Database = await infra.Postgres.CreateDatabaseAsync("filing");
        Bus = await TestBroker.StartAsync(broker, cfg => cfg.ReceiveEndpoint("observer", e =>
        {
            e.Handler<InspectionFiled>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<InspectionCompleted>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<BackfillOverdue>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<UnfiledInspectionReported>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<EmergencyBackfilled>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<FilingCancelled>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<FilingRescheduled>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<EmergencyWithdrawn>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<YearlyCapExceeded>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
        }));
        // The in-process sweep is off: the tests call the sweep endpoint the way the Dapr sidecar does.
        _service = new ServiceFactory<Filing.Api.Data.FilingDb>(ServiceSettings.For("filing", Database, broker, new Dictionary<string, string>(_settings) { ["Sweeps:InProcess"] = "false" }),
            services => services.AddSingleton<TimeProvider>(Clock));
        Client = _service.CreateClient();

        await Bus.Publish(Roster("YJ", "应急管理局", 1, new CertifiedInspector("33018301007", "周洁", new DateOnly(2021, 12, 9), new DateOnly(2026, 12, 8))));
        await Bus.Publish(Roster("XF", "消防救援大队"));
        await Bus.Publish(Roster("SJ", "市场监督管理局"));
        await Bus.Publish(new EnterpriseRegistered(Enterprise, "华东精细化工有限公司", "化工园区A区", "化工", RiskLevel.High,
            [new QuietPeriod(new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 25), "年度停产检修")], DateTimeOffset.UtcNow));
        await Bus.Publish(new JointInspectionScheduled(JointId, "2026-Q4", Enterprise, "华东精细化工有限公司", new DateOnly(2026, 12, 9),
            new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 24), false, "YJ",
            [new ScheduledAgency("YJ", "应急管理局"), new ScheduledAgency("XF", "消防救援大队")],
            [new ScheduledMatter("YJ-01", "危化品使用储存", "YJ", true, MandateLevel.County, ["2026-Q4-YJ-0001"]), new ScheduledMatter("XF-01", "消防设施配备情况", "XF", true, MandateLevel.Provincial, ["2026-Q4-XF-0001"])],
            DateTimeOffset.UtcNow));
        await Bus.Publish(new MatterCatalogChanged("YJ-01", 1, "YJ", "危化品使用储存", InspectionCategory.Routine, true, "《危险化学品安全管理条例》", 1, new DateOnly(2026, 1, 1), null, DateTimeOffset.UtcNow));
        await Bus.Publish(new MatterCatalogChanged("XF-01", 1, "XF", "消防设施配备情况", InspectionCategory.Routine, true, "《消防法》", 4, new DateOnly(2026, 1, 1), null, DateTimeOffset.UtcNow));
        await Bus.Publish(new WorkingCalendarChanged(2026, 1,
            OfficialCalendar.Holidays.Where(d => d.Year == 2026).ToList(), OfficialCalendar.MakeUpWorkdays.Where(d => d.Year == 2026).ToList(), DateTimeOffset.UtcNow));
        await Eventually.Until(() => Sql.CountAsync(Database, "scheduled_visits"), n => n == 1, "filing knows the scheduled visit");
        await Eventually.Until(() => Sql.CountAsync(Database, "calendar_years"), n => n == 1, "filing knows the 2026 calendar");
        await Eventually.Until(() => Sql.CountAsync(Database, "matters"), n => n == 2, "filing knows the matters");
        await Eventually.Until(() => Sql.CountAsync(Database, "enterprises"), n => n == 1, "filing knows the enterprise");
        await Eventually.Until(() => Sql.CountAsync(Database, "agency_rosters"), n => n == 3, "filing knows the agencies' rosters");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Bus.StopAsync();
        await _service.DisposeAsync();
    }

    public static object Filing(string start = "2026-12-09T09:00:00+08:00", string end = "2026-12-09T12:00:00+08:00", object[]? inspectors = null) => new
    {
        jointId = JointId,
        windowStart = start,
        windowEnd = end,
        inspectors = inspectors ?? [DemoRoster.Inspector("YJ", 1), DemoRoster.Inspector("XF", 2)],
    };
}
