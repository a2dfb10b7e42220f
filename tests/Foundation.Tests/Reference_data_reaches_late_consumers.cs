using System.Net;
using RabbitMQ.Client;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>An event published before its consumer's queue exists is confirmed by the broker and goes
/// nowhere. Planning's reference data must reach every service whatever order they start in, and a
/// consumer added later: a service asks planning as it starts, planning publishes it all again, and
/// the consumers keep the newest revision. The services run as their own processes on the real broker
/// and databases.</summary>
public sealed class Reference_data_reaches_late_consumers : IAsyncLifetime
{
    static readonly string[] Consumers = ["filing", "tolerance", "supervision"];
    SharedInfrastructure _infra = null!;
    string _broker = "";
    readonly Dictionary<string, string> _databases = [];
    readonly Dictionary<string, ServiceProcess> _services = [];

    public async Task InitializeAsync()
    {
        _infra = await SharedInfrastructure.GetAsync();
        _broker = await _infra.RabbitMq.CreateVirtualHostAsync("late");
        string[] all = ["planning", .. Consumers];
        foreach (var service in all)
            _databases[service] = await _infra.Postgres.CreateDatabaseAsync(service);
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _services.Values) await s.DisposeAsync();
    }

    async Task StartAsync(params string[] services)
    {
        var started = await Task.WhenAll(services.Select(name => ServiceProcess.StartAsync($"{char.ToUpperInvariant(name[0])}{name[1..]}.Api",
            ServiceSettings.For(name, _databases[name], _broker, new Dictionary<string, string> { ["Seed:DemoPark"] = name == "planning" ? "true" : "false" }), _infra)));
        for (var i = 0; i < services.Length; i++) _services[services[i]] = started[i];
    }

    [Fact]
    public async Task Given_planning_published_before_any_consumer_existed_When_filing_tolerance_and_supervision_start_Then_each_has_the_registry_the_catalog_the_calendar_and_the_plan()
    {
        await StartAsync("planning");
        using var planning = _services["planning"].CreateClient();
        var changed = await RegisterAndCorrectAsync(planning);
        var (ended, holidays) = await HolidaysAfterNowAsync(planning);
        var visits = await PublishDecemberPlanAsync(planning);
        await Eventually.Until(() => Sql.CountAsync(_databases["planning"], "outbox_messages", "sent_at IS NULL"), n => n == 0, "planning published everything");
        Assert.DoesNotContain(await _infra.RabbitMq.QueuedAsync(_broker), q => Consumers.Any(c => q.Key.StartsWith(c + "-", StringComparison.Ordinal)));

        await StartAsync(Consumers);

        var registry = await Sql.CountAsync(_databases["planning"], "enterprises");
        Assert.Equal(61, registry);
        foreach (var service in Consumers)
        {
            await Eventually.Until(() => Sql.CountAsync(_databases[service], "enterprises"), n => n == registry, $"{service} has the registry");
            await Eventually.Until(() => Sql.ScalarAsync<string?>(_databases[service], "SELECT name || '@' || revision FROM enterprises WHERE credit_code = $1", changed),
                n => n == "华东新材料有限公司@2", $"{service} has the corrected enterprise at its revision");
        }
        await CatalogCalendarAndPlanAsync(visits);
        await Eventually.Until(() => Sql.CountAsync(_databases["supervision"], "agencies"), n => n == 17, "supervision knows the catalog's agencies");

        // The calendar is used: the written filing of an emergency is due on the 5th working day after
        // it ended, counted past the holidays planning published before filing existed.
        using var filing = _services["filing"].CreateClient();
        var agency = TestIdentity.Agency("YJ");
        using var preFiled = await filing.CallAsync(HttpMethod.Post, "/api/filing/emergency", agency, new
        {
            creditCode = changed, reason = "危化品泄漏处置", approvedBy = "张副局长", approvedAt = ended.AddHours(-1), expectedEndAt = ended,
        });
        Assert.Equal(HttpStatusCode.Created, preFiled.StatusCode);
        var provisionalNo = (await preFiled.JsonAsync()).GetProperty("provisionalNo").GetString();
        using var end = await filing.CallAsync(HttpMethod.Post, $"/api/filing/emergency/{provisionalNo}/end", agency, new { endedAt = ended });
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        var deadline = DateOnly.Parse((await end.JsonAsync()).GetProperty("backfillDeadline").GetString()!);
        Assert.Equal(FifthWorkingDayAfter(ChinaDay(ended), holidays), deadline);
        Assert.NotEqual(FifthWorkingDayAfter(ChinaDay(ended), []), deadline);
    }

    [Fact]
    public async Task Given_events_that_flowed_before_a_queue_existed_When_the_service_with_the_new_queue_starts_Then_it_catches_up_and_the_others_keep_the_newest()
    {
        await StartAsync(["planning", .. Consumers]);
        using var planning = _services["planning"].CreateClient();
        var changed = await RegisterAndCorrectAsync(planning);
        var visits = await PublishDecemberPlanAsync(planning);
        await CatalogCalendarAndPlanAsync(visits);

        // A later release of filing brings two consumers whose queues do not exist yet, and a read model
        // that is empty: filing stops, its two queues and their tables are gone, and planning publishes on.
        await _services["filing"].KillAsync();
        var factory = new ConnectionFactory { Uri = new Uri(_broker) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync("filing-working-calendar-changed");
            await channel.QueueDeleteAsync("filing-joint-inspection-scheduled");
        }
        await Sql.ScalarAsync<int>(_databases["filing"], "WITH a AS (DELETE FROM calendar_years), b AS (DELETE FROM scheduled_visits) SELECT 1");
        await HolidaysAfterNowAsync(planning);
        await Eventually.Until(() => Sql.CountAsync(_databases["planning"], "outbox_messages", "sent_at IS NULL"), n => n == 0, "planning published the new calendar");

        await _services["filing"].StartAsync();

        await CatalogCalendarAndPlanAsync(visits);
        // The answer went to every service: what each held already stays as it was, the newest revision.
        var registry = await Sql.CountAsync(_databases["planning"], "enterprises");
        foreach (var service in Consumers)
        {
            await Eventually.Until(() => Sql.CountAsync(_databases[service], "enterprises"), n => n == registry, $"{service} has the registry");
            Assert.Equal("华东新材料有限公司@2",
                await Sql.ScalarAsync<string?>(_databases[service], "SELECT name || '@' || revision FROM enterprises WHERE credit_code = $1", changed));
        }
    }

    [Fact]
    public async Task Given_a_service_that_asked_before_planning_ever_ran_on_the_broker_When_planning_starts_with_its_data_already_entered_Then_the_request_is_asked_again_and_answered()
    {
        // Planning's data is entered while it runs on another broker: starting again, it has nothing new
        // to announce, so only an answer to filing's request can bring it to filing.
        var elsewhere = await _infra.RabbitMq.CreateVirtualHostAsync("elsewhere");
        _services["planning"] = await ServiceProcess.StartAsync("Planning.Api",
            ServiceSettings.For("planning", _databases["planning"], elsewhere, new Dictionary<string, string> { ["Seed:DemoPark"] = "true" }), _infra);
        await Eventually.Until(() => Sql.CountAsync(_databases["planning"], "outbox_messages", "sent_at IS NULL"), n => n == 0, "planning published its seeds elsewhere");
        await _services["planning"].KillAsync();

        await StartAsync("filing");
        // Filing has asked: the request's exchange exists, and no queue was bound to take it.
        await Eventually.Until(() => ExchangeExistsAsync("Planning.Contracts:ReferenceDataRequested"), exists => exists, "filing asked for the reference data");
        Assert.DoesNotContain(await _infra.RabbitMq.QueuedAsync(_broker), q => q.Key.StartsWith("planning-", StringComparison.Ordinal));
        await _services["planning"].StartAsync(new Dictionary<string, string> { ["ConnectionStrings:rabbitmq"] = _broker });

        var registry = await Sql.CountAsync(_databases["planning"], "enterprises");
        Assert.Equal(60, registry);
        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "enterprises"), n => n == registry, "filing has the registry");
        var years = await Sql.RowsAsync(_databases["planning"], "SELECT year, version FROM calendar_years ORDER BY year", r => $"{r.GetInt32(0)}v{r.GetInt32(1)}");
        await Eventually.Until(async () => string.Join(",", await Sql.RowsAsync(_databases["filing"], "SELECT year, version FROM calendar_years ORDER BY year", r => $"{r.GetInt32(0)}v{r.GetInt32(1)}")),
            held => held == string.Join(",", years), "filing has the calendar");
        // The agencies' rosters too, which every filing's inspectors are checked against.
        var rosters = await Sql.RowsAsync(_databases["planning"], "SELECT code || '@' || revision || ':' || inspectors::text FROM agencies ORDER BY code", r => r.GetString(0));
        await Eventually.Until(async () => await Sql.RowsAsync(_databases["filing"], "SELECT agency_code || '@' || revision || ':' || inspectors::text FROM agency_rosters ORDER BY agency_code", r => r.GetString(0)),
            held => held.SequenceEqual(rosters), "filing has every agency's roster");
    }

    async Task<bool> ExchangeExistsAsync(string name)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(_broker) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.ExchangeDeclarePassiveAsync(name);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { return false; }
    }

    /// <summary>Filing holds planning's catalog (each matter's latest version), every year of the calendar
    /// at planning's version and the plan's visits; supervision holds the plan.</summary>
    async Task CatalogCalendarAndPlanAsync(int visits)
    {
        var years = await Sql.RowsAsync(_databases["planning"], "SELECT year, version FROM calendar_years ORDER BY year", r => $"{r.GetInt32(0)}v{r.GetInt32(1)}");
        var matters = await Sql.ScalarAsync<long>(_databases["planning"], "SELECT count(DISTINCT code) FROM matter_versions");
        await Eventually.Until(async () => string.Join(",", await Sql.RowsAsync(_databases["filing"], "SELECT year, version FROM calendar_years ORDER BY year", r => $"{r.GetInt32(0)}v{r.GetInt32(1)}")),
            held => held == string.Join(",", years), "filing has every year of the calendar at planning's version");
        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "matters"), n => n == matters, "filing has the catalog");
        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "scheduled_visits"), n => n == visits, "filing has the plan's visits");
        await Eventually.Until(() => Sql.CountAsync(_databases["supervision"], "plans", "period = '2026-Q4'"), n => n == 1, "supervision has the plan");
    }

    /// <summary>An enterprise registered and then corrected (revision 2).</summary>
    static async Task<string> RegisterAndCorrectAsync(HttpClient planning)
    {
        var code = Demo.NewCreditCode();
        using (var registered = await Demo.RegisterAsync(planning, code))
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using var corrected = await planning.CallAsync(HttpMethod.Put, $"/api/planning/enterprises/{code}", TestIdentity.Office(), new
        {
            name = "华东新材料有限公司", zone = "新材料产业区", industry = "新材料", riskLevel = "Medium",
        });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        return code;
    }

    /// <summary>The office enters the seven days after now as holidays (each year concerned gets a new
    /// version); returns the moment an emergency may be said to have ended, and the holidays.</summary>
    static async Task<(DateTimeOffset Ended, List<DateOnly> Holidays)> HolidaysAfterNowAsync(HttpClient planning)
    {
        var ended = DateTimeOffset.UtcNow.AddMinutes(-1);
        var holidays = Enumerable.Range(1, 7).Select(ChinaDay(ended).AddDays).ToList();
        foreach (var year in holidays.GroupBy(d => d.Year))
        {
            using var entered = await planning.CallAsync(HttpMethod.Put, $"/api/planning/calendar/{year.Key}", TestIdentity.Office(), new
            {
                holidays = year.Select(d => d.ToString("yyyy-MM-dd")).ToArray(), makeUpWorkdays = Array.Empty<string>(),
            });
            Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        }
        return (ended, holidays);
    }

    /// <summary>The demo park's December declarations consolidated and published; returns the visits.</summary>
    static async Task<int> PublishDecemberPlanAsync(HttpClient planning)
    {
        var office = TestIdentity.Office();
        using var run = await planning.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", office, new { });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var detail = await run.JsonAsync();
        var visits = detail.GetProperty("visits").GetArrayLength();
        Assert.True(visits > 0);
        using var published = await planning.CallAsync(HttpMethod.Post,
            $"/api/planning/periods/2026-Q4/consolidations/{detail.GetProperty("summary").GetProperty("id").GetString()}/publish", office);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return visits;
    }

    static DateOnly ChinaDay(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(TimeSpan.FromHours(8)).DateTime);

    static DateOnly FifthWorkingDayAfter(DateOnly day, List<DateOnly> holidays)
    {
        for (var counted = 0; counted < 5;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day)) counted++;
        }
        return day;
    }
}
