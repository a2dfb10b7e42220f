using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Filing.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Planning.Contracts;
using TestInfrastructure;
using Tolerance.Contracts;
using Xunit;

namespace Tolerance.Tests;

/// <summary>On the real broker and database: the engine proposes; the enterprise sees the proposal and
/// may state its case within 3 working days of planning's calendar; the agency answers; its legal review
/// confirms or departs with a reason; only then the decision issues, its reasoning stating what happened.</summary>
public sealed class Tolerance_by_procedure : IAsyncLifetime
{
    const string Enterprise = "91330100716105852F";
    const string OtherEnterprise = "91330183MA2100001M";
    readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-09T02:00:00Z"));
    readonly ConcurrentQueue<ToleranceDecisionIssued> _issued = new();
    readonly ConcurrentQueue<ToleranceDecisionSuperseded> _superseded = new();
    IBusControl _bus = null!;
    ServiceFactory<Tolerance.Api.Data.ToleranceDb> _service = null!;
    PrivateRabbitMq _rabbitMq = null!;
    string _broker = "", _database = "";

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbitMq = infra.RabbitMq;
        var broker = _broker = await infra.RabbitMq.CreateVirtualHostAsync("procedure");
        _database = await infra.Postgres.CreateDatabaseAsync("tolerance");
        _bus = await TestBroker.StartAsync(broker, cfg => cfg.ReceiveEndpoint("observer", e =>
        {
            e.Handler<ToleranceDecisionIssued>(ctx => { _issued.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<ToleranceDecisionSuperseded>(ctx => { _superseded.Enqueue(ctx.Message); return Task.CompletedTask; });
        }));
        _service = new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(ServiceSettings.For("tolerance", _database, broker, new Dictionary<string, string> { ["Sweeps:InProcess"] = "false" }),
            services => services.AddSingleton<TimeProvider>(_clock));
        _service.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await _bus.StopAsync();
        await _service.DisposeAsync();
    }

    async Task CalendarAsync(int year, IReadOnlyList<DateOnly> holidays, IReadOnlyList<DateOnly> makeUp)
    {
        await _bus.Publish(new WorkingCalendarChanged(year, 1, holidays, makeUp, _clock.GetUtcNow()));
        await Eventually.Until(() => Sql.CountAsync(_database, "calendar_years", "year = $1", year), n => n == 1, $"the {year} calendar is kept");
    }

    static async Task PublishListAsync(HttpClient client)
    {
        var item = new
        {
            code = "XF-BQ-01", title = "消防器材轻微缺陷限期改正", matterCode = "XF-01", outcome = "LighterPenalty", source = "Municipal", legalBasis = "《消防安全违法行为从轻处罚清单》",
            firstViolationWithinMonths = 12, maxSeverity = 3, rectification = "WithinDays", rectificationDays = 7, requiresNoHarm = true, effectiveFrom = "2026-01-01",
        };
        using (var draft = await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Office(), new[] { item })) Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        using (var publish = await client.CallAsync(HttpMethod.Post, "/api/tolerance/items/publish", TestIdentity.Office())) Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
    }

    async Task<JsonElement> ProposalAsync(HttpClient client, string filingNo, string day, DateOnly deadline)
    {
        await _bus.Publish(new InspectionCompleted(filingNo, null, Enterprise, "XF", ["XF"], false,
            [new Finding("XF-01", "XF", "二楼灭火器压力不足", 2, false, deadline, HarmCaused: false)],
            DateTimeOffset.Parse($"{day}T01:00:00Z"), DateTimeOffset.Parse($"{day}T02:00:00Z")));
        return await Eventually.Until(async () =>
        {
            using var mine = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions", TestIdentity.Enterprise(Enterprise));
            return (await mine.JsonAsync()).GetProperty("items").EnumerateArray().FirstOrDefault(d => d.GetProperty("filingNo").GetString() == filingNo);
        }, d => d.ValueKind == JsonValueKind.Object, "the enterprise sees the proposal");
    }

    async Task<HttpResponseMessage> Step(HttpClient client, Guid id, string step, string token, object body) =>
        await client.CallAsync(HttpMethod.Post, $"/api/tolerance/decisions/{id}/{step}", token, body);

    async Task<string> StatusAsync(Guid id) => await Sql.ScalarAsync<string>(_database, "SELECT status FROM decisions WHERE id = $1", id);

    [Fact]
    public async Task A_proposal_heard_answered_and_confirmed_issues_with_reasoning_that_states_only_what_happened()
    {
        using var client = _service.CreateClient();
        await CalendarAsync(2026, OfficialCalendar.Holidays.Where(d => d.Year == 2026).ToList(), OfficialCalendar.MakeUpWorkdays.Where(d => d.Year == 2026).ToList());
        await PublishListAsync(client);

        var proposal = await ProposalAsync(client, "BA2026-XF-00001", "2026-12-09", new DateOnly(2026, 12, 14));
        var id = proposal.GetProperty("id").GetGuid();
        Assert.Equal("Proposed", proposal.GetProperty("status").GetString());
        Assert.Equal("ConditionallyTolerated", proposal.GetProperty("proposedKind").GetString());
        // Told on Wednesday 9 December: Thursday, Friday and Monday are its three working days.
        Assert.Equal("2026-12-14", proposal.GetProperty("statementDueOn").GetString());
        var proposed = proposal.GetProperty("reasoning").GetString()!;
        Assert.DoesNotContain("已告知", proposed);
        Assert.DoesNotContain("已依要求改正", proposed);
        Assert.Contains("改正尚未完成", proposed);

        var agency = TestIdentity.Agency("XF");
        var enterprise = TestIdentity.Enterprise(Enterprise);
        // Wrong state (409), wrong actor (403), someone who may not see it (404), a missing text (400): nothing changes.
        using (var early = await Step(client, id, "confirm", agency, new { text = "同意" })) Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        using (var noStatement = await Step(client, id, "answer", agency, new { text = "答复" })) Assert.Equal(HttpStatusCode.Conflict, noStatement.StatusCode);
        using (var byEnterprise = await Step(client, id, "confirm", enterprise, new { text = "同意" })) Assert.Equal(HttpStatusCode.Forbidden, byEnterprise.StatusCode);
        using (var byOffice = await Step(client, id, "statement", TestIdentity.Office(), new { text = "代为陈述" })) Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        using (var byOther = await Step(client, id, "statement", TestIdentity.Enterprise(OtherEnterprise), new { text = "陈述" })) Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        using (var otherAgency = await Step(client, id, "confirm", TestIdentity.Agency("YJ"), new { text = "同意" })) Assert.Equal(HttpStatusCode.NotFound, otherAgency.StatusCode);
        using (var empty = await Step(client, id, "statement", enterprise, new { text = " " })) await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "text");
        Assert.Equal("Proposed", await StatusAsync(id));

        _clock.SetUtcNow(DateTimeOffset.Parse("2026-12-10T03:00:00Z"));
        using (var stated = await Step(client, id, "statement", enterprise, new { text = "灭火器已送检，申请按期整改" }))
            Assert.Equal("Stated", (await stated.JsonAsync()).GetProperty("status").GetString());
        using (var again = await Step(client, id, "statement", enterprise, new { text = "再次陈述" })) Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var unanswered = await Step(client, id, "confirm", agency, new { text = "同意" })) Assert.Equal(HttpStatusCode.Conflict, unanswered.StatusCode);
        using (var answered = await Step(client, id, "answer", agency, new { text = "企业意见已记录，整改期限不变" }))
            Assert.Equal("Answered", (await answered.JsonAsync()).GetProperty("status").GetString());

        // A departure must say what it departs to, and differ from the proposal.
        using (var noKind = await Step(client, id, "depart", agency, new { reason = "情节较重" })) await noKind.AssertProblemAsync(HttpStatusCode.BadRequest, "kind");
        using (var same = await Step(client, id, "depart", agency, new { kind = "ConditionallyTolerated", outcome = "LighterPenalty", conditionDeadline = "2026-12-14", reason = "同上" }))
            await same.AssertProblemAsync(HttpStatusCode.BadRequest, "kind");
        await _rabbitMq.QuietAsync(_broker, [_database]);
        Assert.Empty(_issued);

        _clock.SetUtcNow(DateTimeOffset.Parse("2026-12-11T03:00:00Z"));
        using (var confirmed = await Step(client, id, "confirm", agency, new { text = "事实清楚，依据充分，同意拟定意见" }))
        {
            var d = await confirmed.JsonAsync();
            Assert.Equal("Active", d.GetProperty("status").GetString());
            Assert.False(d.GetProperty("departed").GetBoolean());
            var reasoning = d.GetProperty("reasoning").GetString()!;
            Assert.Contains("2026-12-09已告知当事人", reasoning);
            Assert.Contains("当事人于2026-12-10陈述申辩，XF于2026-12-10答复：企业意见已记录，整改期限不变", reasoning);
            Assert.Contains("2026-12-11经法制审核，同意拟定意见", reasoning);
            Assert.Contains("改正尚待完成，须于2026-12-14前完成", reasoning);
            Assert.DoesNotContain("已依要求改正", reasoning);
        }
        var issued = await Eventually.Until(() => Task.FromResult(_issued.ToList()), l => l.Count == 1, "the decision issues");
        Assert.Equal((id, DecisionKind.ConditionallyTolerated, new DateOnly(2026, 12, 14)), (issued[0].DecisionId, issued[0].Kind, issued[0].ConditionDeadline!.Value));
        using (var twice = await Step(client, id, "confirm", agency, new { text = "同意" })) Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        await _rabbitMq.QuietAsync(_broker, [_database]);
        Assert.Single(_issued);
    }

    [Fact]
    public async Task A_silent_enterprise_is_decided_after_its_period_and_a_departure_is_recorded_with_its_reason_and_counted()
    {
        using var client = _service.CreateClient();
        await PublishListAsync(client);
        await CalendarAsync(2026, OfficialCalendar.Holidays.Where(d => d.Year == 2026).ToList(), OfficialCalendar.MakeUpWorkdays.Where(d => d.Year == 2026).ToList());

        // Told on Wednesday 30 December: the period runs into 2027, whose calendar the office has not entered yet.
        _clock.SetUtcNow(DateTimeOffset.Parse("2026-12-30T02:00:00Z"));
        var proposal = await ProposalAsync(client, "BA2026-XF-00002", "2026-12-30", new DateOnly(2027, 1, 5));
        var id = proposal.GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, proposal.GetProperty("statementDueOn").ValueKind);
        Assert.Equal(2027, proposal.GetProperty("calendarMissingFor").GetInt32());
        var agency = TestIdentity.Agency("XF");
        _clock.SetUtcNow(DateTimeOffset.Parse("2027-01-04T02:00:00Z"));
        using (var uncounted = await Step(client, id, "confirm", agency, new { text = "同意" })) Assert.Equal(HttpStatusCode.Conflict, uncounted.StatusCode);

        // 2027: 1 January a holiday. Thursday 31 December, Monday 4 and Tuesday 5 January are the three working days.
        await CalendarAsync(2027, [new DateOnly(2027, 1, 1)], []);
        await Eventually.Until(() => Sql.ScalarAsync<string?>(_database, "SELECT statement_due_on::text FROM decisions WHERE id = $1", id), d => d is not null, "the period is counted");
        Assert.Equal("2027-01-05", await Sql.ScalarAsync<string?>(_database, "SELECT statement_due_on::text FROM decisions WHERE id = $1", id));

        _clock.SetUtcNow(DateTimeOffset.Parse("2027-01-05T15:59:00Z"));   // 23:59 in China on the last day
        using (var lastMinute = await Step(client, id, "depart", agency, new { kind = "NotTolerated", reason = "同一事项一年内再次发现" })) Assert.Equal(HttpStatusCode.Conflict, lastMinute.StatusCode);
        _clock.SetUtcNow(DateTimeOffset.Parse("2027-01-05T16:00:00Z"));   // 00:00 on the day after
        using (var late = await Step(client, id, "statement", TestIdentity.Enterprise(Enterprise), new { text = "逾期陈述" })) Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        using (var departed = await Step(client, id, "depart", agency, new { kind = "NotTolerated", reason = "同一事项一年内再次发现" }))
        {
            var d = await departed.JsonAsync();
            Assert.True(d.GetProperty("departed").GetBoolean());
            Assert.Equal("ConditionallyTolerated", d.GetProperty("proposedKind").GetString());
            Assert.Equal("NotTolerated", d.GetProperty("kind").GetString());
            Assert.Equal("同一事项一年内再次发现", d.GetProperty("reviewOpinion").GetString());
            var reasoning = d.GetProperty("reasoning").GetString()!;
            Assert.Contains("当事人在期限内未陈述申辩", reasoning);
            Assert.Contains("改变拟定意见", reasoning);
            Assert.Contains("理由：同一事项一年内再次发现", reasoning);
            Assert.DoesNotContain("改正尚待完成", reasoning);
        }
        var issued = await Eventually.Until(() => Task.FromResult(_issued.ToList()), l => l.Count == 1, "the decision issues");
        Assert.Equal(DecisionKind.NotTolerated, issued.Single().Kind);
        Assert.Null(issued.Single().ConditionDeadline);

        using var figures = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions/figures?period=2026-Q4", TestIdentity.Office());
        var f = await figures.JsonAsync();
        Assert.Equal(1, f.GetProperty("departed").GetInt32());
        Assert.Equal(0, f.GetProperty("pending").GetInt32());
        Assert.Equal(1, f.GetProperty("notTolerated").GetInt32());
    }

    [Fact]
    public async Task A_corrected_finding_supersedes_its_decision_with_a_new_one_by_the_same_procedure_keeping_both()
    {
        using var client = _service.CreateClient();
        await PublishListAsync(client);
        var first = await ProposalAsync(client, "BA2026-XF-00003", "2026-12-09", new DateOnly(2026, 12, 14));
        var old = (first.GetProperty("id").GetGuid(), Enterprise, "XF");
        await Procedure.IssueAsync(client, old);
        await Eventually.Until(() => Task.FromResult(_issued.Count), n => n == 1, "the first decision issues");

        var agency = TestIdentity.Agency("XF");
        var correction = new { matterCode = "XF-01", severity = 5, rectifiedOnTheSpot = false, rectificationDeadline = "2026-12-14", harmCaused = false, reason = "严重程度录入错误，应为5级" };
        // Bad input names its field and changes nothing; only the agency whose finding it is corrects it.
        var before = await Sql.TableCountsAsync(_database);
        using (var noHarm = await Step(client, old.Item1, "supersede", agency, new { correction.matterCode, correction.severity, correction.rectifiedOnTheSpot, correction.rectificationDeadline, correction.reason }))
            await noHarm.AssertProblemAsync(HttpStatusCode.BadRequest, "harmCaused");
        using (var byEnterprise = await Step(client, old.Item1, "supersede", TestIdentity.Enterprise(Enterprise), correction)) Assert.Equal(HttpStatusCode.Forbidden, byEnterprise.StatusCode);
        Assert.Equal(before, await Sql.TableCountsAsync(_database));

        Guid next;
        using (var superseding = await Step(client, old.Item1, "supersede", agency, correction))
        {
            var d = await superseding.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, superseding.StatusCode);
            next = d.GetProperty("id").GetGuid();
            Assert.Equal(old.Item1, d.GetProperty("supersedes").GetGuid());
            Assert.Equal("Proposed", d.GetProperty("status").GetString());
            Assert.Equal("NotTolerated", d.GetProperty("proposedKind").GetString());   // severity 5 is beyond the item's 3
        }
        using (var again = await Step(client, old.Item1, "supersede", agency, correction)) Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var told = await Eventually.Until(() => Task.FromResult(_superseded.ToList()), l => l.Count == 1, "consumers are told");
        Assert.Equal((old.Item1, next, "严重程度录入错误，应为5级"), (told[0].DecisionId, told[0].SupersededBy, told[0].Reason));

        // Both are kept and visible to the enterprise: the old one says what replaced it and why.
        using (var mine = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions", TestIdentity.Enterprise(Enterprise)))
        {
            var items = (await mine.JsonAsync()).GetProperty("items").EnumerateArray().Where(d => d.GetProperty("filingNo").GetString() == "BA2026-XF-00003").ToList();
            Assert.Equal(2, items.Count);
            var superseded = items.Single(d => d.GetProperty("id").GetGuid() == old.Item1);
            Assert.Equal("Superseded", superseded.GetProperty("status").GetString());
            Assert.Equal(next, superseded.GetProperty("supersededBy").GetGuid());
        }
        await Procedure.IssueAsync(client, (next, Enterprise, "XF"));
        var issued = await Eventually.Until(() => Task.FromResult(_issued.ToList()), l => l.Count == 2, "the new decision issues");
        Assert.Equal(DecisionKind.NotTolerated, issued.Single(i => i.DecisionId == next).Kind);

        using var figures = await client.CallAsync(HttpMethod.Get, "/api/tolerance/decisions/figures?period=2026-Q4", TestIdentity.Office());
        var f = await figures.JsonAsync();
        Assert.Equal((1, 1, 1, 0), (f.GetProperty("decisions").GetInt32(), f.GetProperty("superseded").GetInt32(), f.GetProperty("notTolerated").GetInt32(), f.GetProperty("conditional").GetInt32()));
    }
}
