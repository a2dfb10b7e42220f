using MiniExcelLibs;
using System.Collections.Concurrent;
using System.Net;
using Filing.Contracts;
using MassTransit;
using TestInfrastructure;
using Tolerance.Contracts;
using Xunit;

namespace Tolerance.Tests;

/// <summary>On the real broker and database: the office publishes a list; completed inspections'
/// findings are decided once each; a repeat at another agency is no longer a first violation.</summary>
public sealed class Deciding_completed_inspections : IAsyncLifetime
{
    const string Enterprise = "91330100716105852F";
    string _database = "", _broker = "";
    PrivateRabbitMq _rabbitMq = null!;
    IBusControl _bus = null!;
    ServiceFactory<Tolerance.Api.Data.ToleranceDb> _service = null!;
    readonly ConcurrentQueue<ToleranceDecisionIssued> _issued = new();

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbitMq = infra.RabbitMq;
        var broker = _broker = await infra.RabbitMq.CreateVirtualHostAsync("tolerance");
        _database = await infra.Postgres.CreateDatabaseAsync("tolerance");
        _bus = await TestBroker.StartAsync(broker, cfg => cfg.ReceiveEndpoint("observer", e =>
            e.Handler<ToleranceDecisionIssued>(ctx => { _issued.Enqueue(ctx.Message); return Task.CompletedTask; })));
        _service = new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(ServiceSettings.For("tolerance", _database, broker));
        _service.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await _bus.StopAsync();
        await _service.DisposeAsync();
    }

    static InspectionCompleted Completed(string filingNo, string agency, string day) => new(filingNo, null, Enterprise, agency, [agency], false,
        [new Finding("YJ-01", agency, "危化品仓库未张贴安全周知卡", 1, true, null, HarmCaused: false)],
        DateTimeOffset.Parse($"{day}T01:00:00Z"), DateTimeOffset.Parse($"{day}T03:00:00Z"));

    [Fact]
    public async Task Decisions_export_as_their_list_shows_them_cell_by_cell_with_its_filters()
    {
        using var client = _service.CreateClient();
        for (var i = 1; i <= 6; i++)
            await _bus.Publish(Completed($"BA2026-{(i % 2 == 0 ? "SJ" : "YJ")}-{i:D5}", i % 2 == 0 ? "SJ" : "YJ", "2026-12-09"));
        await Eventually.Until(() => Sql.CountAsync(_database, "decisions"), n => n == 6, "every finding is decided");

        foreach (var (token, filter) in new[] { (TestIdentity.Office(), "agencyCode=YJ"), (TestIdentity.Agency("SJ"), "period=2026-Q4"), (TestIdentity.Office(), "kind=NotTolerated") })
        {
            using var list = await client.CallAsync(HttpMethod.Get, $"/api/tolerance/decisions?limit=200&{filter}", token);
            var items = (await list.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
            using var export = await client.CallAsync(HttpMethod.Get, $"/api/tolerance/decisions/export?{filter}", token);
            var (headers, rows) = await export.SheetAsync();
            Assert.Equal("决定编号", headers[0]);
            Assert.Equal(items.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(items[i].GetProperty("id").GetString(), rows[i].Text("决定编号"));
                Assert.Equal(items[i].GetProperty("filingNo").GetString(), rows[i].Text("备案编号"));
                Assert.Equal(items[i].GetProperty("agencyCode").GetString(), rows[i].Text("执法单位"));
                Assert.Equal(items[i].GetProperty("matterCode").GetString(), rows[i].Text("检查事项"));
                Assert.Equal(items[i].GetProperty("reasoning").GetString(), rows[i].Text("理由"));
                Assert.Equal(items[i].GetProperty("kind").GetString() switch { "Tolerated" => "予以容错", "ConditionallyTolerated" => "附条件容错", _ => "不予容错" }, rows[i].Text("决定"));
            }
        }
        using var bad = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions/export?period=2026-Q5", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("period", out _));
        using var anonymous = await client.GetAsync("/api/tolerance/decisions/export");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Decisions_are_read_a_page_at_a_time_each_once_newest_first_and_filtered()
    {
        using var client = _service.CreateClient();
        // 30 inspections, two findings each, by two agencies: 60 decisions, many in one instant.
        for (var i = 1; i <= 30; i++)
        {
            var agency = i % 3 == 0 ? "SJ" : "YJ";
            await _bus.Publish(new InspectionCompleted($"BA2026-{agency}-{i:D5}", null, Enterprise, agency, [agency], false,
                [new Finding("YJ-01", agency, "危化品仓库未张贴安全周知卡", 1, true, null, HarmCaused: false), new Finding("YJ-02", agency, "应急预案未演练", 2, false, new DateOnly(2027, 1, 31), HarmCaused: false)],
                DateTimeOffset.Parse("2026-12-09T01:00:00Z"), DateTimeOffset.Parse("2026-12-09T03:00:00Z")));
        }
        await Eventually.Until(() => Sql.CountAsync(_database, "decisions"), n => n == 60, "every finding is decided");

        async Task<List<System.Text.Json.JsonElement>> AllAsync(string token, string filter, int limit)
        {
            var all = new List<System.Text.Json.JsonElement>();
            string? next = null;
            do
            {
                using var response = await client.CallAsync(HttpMethod.Get, $"/api/tolerance/decisions?limit={limit}{filter}{(next is null ? "" : $"&after={next}")}", token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await response.JsonAsync();
                var items = page.GetProperty("items").EnumerateArray().ToList();
                next = page.GetProperty("next").GetString();
                Assert.True(next is null ? items.Count <= limit : items.Count == limit);
                all.AddRange(items);
            } while (next is not null);
            return all;
        }
        var office = await AllAsync(TestIdentity.Office(), "", 7);
        Assert.Equal(60, office.Select(d => d.GetProperty("id").GetGuid()).Distinct().Count());
        var instants = office.Select(d => d.GetProperty("decidedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(instants.OrderDescending(), instants);
        Assert.Equal(20, (await AllAsync(TestIdentity.Agency("SJ"), "", 6)).Count);
        Assert.Equal(20, (await AllAsync(TestIdentity.Office(), "&agencyCode=SJ", 50)).Count);
        Assert.Equal(60, (await AllAsync(TestIdentity.Enterprise(Enterprise), "&period=2026-Q4", 200)).Count);
        Assert.Empty(await AllAsync(TestIdentity.Office(), "&period=2027", 10));
        // Nothing is issued until the procedure has run: every one is a proposal, which the enterprise already sees.
        var proposals = await AllAsync(TestIdentity.Office(), "&kind=NotTolerated&status=Proposed", 9);
        Assert.Equal(60, proposals.Count);
        Assert.All(proposals, d => Assert.Equal("NotTolerated", d.GetProperty("kind").GetString()));
        Assert.Empty(await AllAsync(TestIdentity.Office(), "&status=Active", 9));

        // An agency cannot page from another agency's decision; bad page requests name their field.
        var sj = office.First(d => d.GetProperty("agencyCode").GetString() == "SJ").GetProperty("id").GetGuid();
        foreach (var (query, field, token) in new[]
        {
            ($"?after={sj}", "after", TestIdentity.Agency("YJ")), ("?after=BA2026", "after", TestIdentity.Office()), ("?limit=0", "limit", TestIdentity.Office()),
            ("?limit=1000", "limit", TestIdentity.Office()), ("?period=2026-Q5", "period", TestIdentity.Office()), ("?creditCode=91330100716105852X", "creditCode", TestIdentity.Office()),
            ("?agencyCode=yj", "agencyCode", TestIdentity.Office()),
        })
        {
            using var refused = await client.CallAsync(HttpMethod.Get, $"/api/tolerance/decisions{query}", token);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    [Fact]
    public async Task A_first_minor_fault_is_tolerated_once_and_a_repeat_found_by_another_agency_is_not()
    {
        using var client = _service.CreateClient();
        var item = new
        {
            code = "XZ-YJ-001", title = "危化品安全周知卡缺失", matterCode = "YJ-01", outcome = "NoPenalty", source = "Provincial", legalBasis = "《浙江省应急管理轻微违法行为免罚清单》第1项",
            firstViolationWithinMonths = 12, maxSeverity = 2, rectification = "OnTheSpot", rectificationDays = (int?)null, requiresNoHarm = true, effectiveFrom = "2026-01-01", effectiveTo = (string?)null,
        };
        using (var draft = await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Office(), new[] { item }))
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        using (var publish = await client.CallAsync(HttpMethod.Post, "/api/tolerance/items/publish", TestIdentity.Office()))
            Assert.Equal(1, (await publish.JsonAsync()).GetProperty("version").GetInt32());
        using (var byAgency = await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Agency("YJ"), new[] { item }))
            Assert.Equal(HttpStatusCode.Forbidden, byAgency.StatusCode);

        var first = Completed("BA2026-YJ-00001", "YJ", "2026-12-09");
        var id = NewId.NextGuid();
        await _bus.Publish(first, ctx => ctx.MessageId = id);
        await _bus.Publish(first, ctx => ctx.MessageId = id);   // a redelivery
        await Procedure.IssueAllAsync(client, _database, 1);
        await Eventually.Until(() => Task.FromResult(_issued.Count), n => n >= 1, "the first decision is issued");
        var tolerated = _issued.Single();
        Assert.Equal(DecisionKind.Tolerated, tolerated.Kind);
        Assert.Equal(ToleranceOutcome.NoPenalty, tolerated.Outcome);
        Assert.Equal(1, tolerated.ListVersion);

        await _bus.Publish(Completed("BA2026-SJ-00001", "SJ", "2027-02-01"));
        await Procedure.IssueAllAsync(client, _database, 1);
        await Eventually.Until(() => Task.FromResult(_issued.Count), n => n >= 2, "the second decision is issued");
        var repeat = _issued.Single(d => d.FilingNo == "BA2026-SJ-00001");
        Assert.Equal(DecisionKind.NotTolerated, repeat.Kind);
        await _rabbitMq.DeliveredAsync(_broker);   // the redelivery too
        Assert.Equal(2, await Sql.CountAsync(_database, "decisions"));

        using var own = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions", TestIdentity.Enterprise(Enterprise));
        var decisions = (await own.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, decisions.Count);
        Assert.Contains(decisions, d => d.GetProperty("reasoning").GetString()!.Contains("BA2026-YJ-00001"));
        using var otherEnterprise = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions", TestIdentity.Enterprise("91330183MA2100001M"));
        Assert.Equal(0, (await otherEnterprise.JsonAsync()).GetProperty("items").GetArrayLength());
        using var yj = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions", TestIdentity.Agency("YJ"));
        Assert.Equal(1, (await yj.JsonAsync()).GetProperty("items").GetArrayLength());
        using var anonymous = await client.GetAsync("/api/tolerance/decisions");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // Harm caused rules the item out, whatever else holds.
        await _bus.Publish(new InspectionCompleted("BA2026-YJ-00009", null, "91330183MA2100002K", "YJ", ["YJ"], false,
            [new Finding("YJ-01", "YJ", "危化品泄漏致一人受伤", 1, true, null, HarmCaused: true)], DateTimeOffset.Parse("2026-12-10T01:00:00Z"), DateTimeOffset.Parse("2026-12-10T03:00:00Z")));
        await Procedure.IssueAllAsync(client, _database, 1);
        var harmed = await Eventually.Until(() => Task.FromResult(_issued.SingleOrDefault(d => d.FilingNo == "BA2026-YJ-00009")), d => d is not null, "the harmful finding is decided");
        Assert.Equal(DecisionKind.NotTolerated, harmed!.Kind);

        using var figures = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions/figures?period=2026-Q4", TestIdentity.Office());
        var f = await figures.JsonAsync();
        Assert.Equal(3, f.GetProperty("decisions").GetInt32());
        Assert.Equal(1, f.GetProperty("tolerated").GetInt32());
        Assert.Equal(2, f.GetProperty("notTolerated").GetInt32());
        Assert.Equal("XZ-YJ-001", f.GetProperty("byItem")[0].GetProperty("key").GetString());
        using var enterpriseFigures = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions/figures?period=2026-Q4", TestIdentity.Enterprise(Enterprise));
        Assert.Equal(HttpStatusCode.Forbidden, enterpriseFigures.StatusCode);

        var before = await Sql.CountAsync(_database, "decisions");
        using var whatIf = await client.CallAsync(HttpMethod.Post, "/api/tolerance/evaluations", TestIdentity.Agency("YJ"), new
        {
            creditCode = "91330183MA2100001M", matterCode = "YJ-01", foundOn = "2027-03-01", severity = 1, rectifiedOnTheSpot = true, harmCaused = false,
        });
        Assert.Equal("Tolerated", (await whatIf.JsonAsync()).GetProperty("kind").GetString());
        Assert.Equal(before, await Sql.CountAsync(_database, "decisions"));
        using var badList = await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Office(), new[] { new { code = "X", outcome = "Amnesty" } });
        Assert.Equal(HttpStatusCode.BadRequest, badList.StatusCode);
        using var badDays = await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Office(), new[] { new
        {
            code = "XZ-YJ-002", title = "限期改正", matterCode = "YJ-01", outcome = "LighterPenalty", source = "County", legalBasis = "《行政处罚法》",
            firstViolationWithinMonths = 12, maxSeverity = 9, rectification = "WithinDays", rectificationDays = (int?)null, requiresNoHarm = true, effectiveFrom = "2026-01-01", effectiveTo = (string?)null,
        } });
        var errors = (await badDays.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("[0].maxSeverity", out _) && errors.TryGetProperty("[0].rectificationDays", out _), errors.ToString());
        using var badWhatIf = await client.CallAsync(HttpMethod.Post, "/api/tolerance/evaluations", TestIdentity.Agency("YJ"), new { creditCode = "short", severity = 9 });
        var whatIfErrors = (await badWhatIf.JsonAsync()).GetProperty("errors");
        Assert.True(whatIfErrors.TryGetProperty("creditCode", out _) && whatIfErrors.TryGetProperty("severity", out _) && whatIfErrors.TryGetProperty("foundOn", out _));
        Assert.Equal(0, await Sql.CountAsync(_database, "tolerance_lists", "status = 'Draft'"));
        Assert.Equal(before, await Sql.CountAsync(_database, "decisions"));
    }
}

/// <summary>The demo list of ./run.sh: more than 40 valid items, published as version 1.</summary>
public sealed class Demo_tolerance_list : IAsyncLifetime
{
    ServiceFactory<Tolerance.Api.Data.ToleranceDb> _service = null!;
    string _database = "";

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _database = await infra.Postgres.CreateDatabaseAsync("tolerance");
        _service = new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(ServiceSettings.For("tolerance", _database,
            await infra.RabbitMq.CreateVirtualHostAsync("tdemo"), new Dictionary<string, string> { ["Seed:DemoPark"] = "true" }));
    }

    public Task DisposeAsync() => _service.DisposeAsync().AsTask();

    [Fact]
    public async Task The_demo_list_is_published_with_more_than_forty_items_of_every_outcome_kind()
    {
        using var client = _service.CreateClient();
        var list = await (await client.GetAsync("/api/tolerance/items")).JsonAsync();
        Assert.Equal(1, list.GetProperty("version").GetInt32());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count > 40);
        Assert.Equal(4, items.Select(i => i.GetProperty("outcome").GetString()).Distinct().Count());
        // The seeded list passes the office's own validation.
        using var again = await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Office(), items);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task The_list_goes_out_as_a_spreadsheet_and_comes_back_into_the_draft_whole_or_not_at_all()
    {
        using var client = _service.CreateClient();
        using var export = await client.GetAsync("/api/tolerance/items/export");
        var sheet = await export.Content.ReadAsByteArrayAsync();
        var rows = new MemoryStream(sheet).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.True(rows.Count > 40);
        Assert.Contains("处理方式", rows[0].Keys);

        async Task<HttpResponseMessage> Import(byte[] body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tolerance/items/import") { Content = content };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestIdentity.Office());
            return await client.SendAsync(request);
        }

        var broken = rows.Select(r => new Dictionary<string, object>(r)).ToList();
        broken[0]["处理方式"] = "大赦";
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(broken);
        using (var bad = await Import(stream.ToArray()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("rows[2].outcome", out _));
        }
        Assert.Equal(0, await Sql.CountAsync(_database, "tolerance_lists", "status = 'Draft'"));

        using var good = await Import(sheet);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(rows.Count, (await good.JsonAsync()).GetProperty("items").GetArrayLength());
    }
}
