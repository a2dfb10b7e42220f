using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>Bad input is answered with problem details naming the offending fields; nothing is stored
/// and nothing is published.</summary>
public sealed class Refusing_bad_cards(Refusing_bad_cards.Host fixture) : IClassFixture<Refusing_bad_cards.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public SupervisionHost Service { get; } = new();
        public Task InitializeAsync() => Service.InitializeAsync();
        public Task DisposeAsync() => Service.DisposeAsync();
    }

    readonly SupervisionHost _host = fixture.Service;

    public static TheoryData<string, HttpStatusCode, string> BadCards => new()
    {
        { """{"description":"检查人员索要好处"}""", HttpStatusCode.BadRequest, "type" },
        { """{"type":"Bribery","description":"检查人员索要好处"}""", HttpStatusCode.BadRequest, "$.type" },
        { """{"type":3,"description":"检查人员索要好处"}""", HttpStatusCode.BadRequest, "$.type" },
        { """{"type":"ReasonableDemand","description":"短"}""", HttpStatusCode.BadRequest, "description" },
        { """{"type":"ReasonableDemand","description":"含有控制字符\u0007的描述"}""", HttpStatusCode.BadRequest, "description" },
        { "{\"type\":\"ReasonableDemand\",\"description\":\"" + new string('长', 2001) + "\"}", HttpStatusCode.BadRequest, "description" },
        { """{"type":"ReasonableDemand","description":"明天会发生的事","occurredOn":"2026-12-02"}""", HttpStatusCode.BadRequest, "occurredOn" },
        { """{"type":"ReasonableDemand","description":"很久以前的事情","occurredOn":"2025-11-30"}""", HttpStatusCode.BadRequest, "occurredOn" },
        { """{"type":"ReasonableDemand","description":"日期写错了","occurredOn":"2026-02-30"}""", HttpStatusCode.BadRequest, "$.occurredOn" },
        { """{"type":"Misconduct","description":"没有说明是哪个单位"}""", HttpStatusCode.BadRequest, "agencyCode" },
        { """{"type":"Misconduct","agencyCode":"yj","description":"单位代码小写"}""", HttpStatusCode.BadRequest, "agencyCode" },
        { """{"type":"Misconduct","agencyCode":"QQ","description":"不存在的单位"}""", HttpStatusCode.UnprocessableEntity, "agencyCode" },
        { """{"type":"RudeConduct","filingNo":"BA2026-YJ-99999","description":"不存在的备案"}""", HttpStatusCode.UnprocessableEntity, "filingNo" },
        { """{"type":"RudeConduct","filingNo":"BA2026 YJ","description":"备案号格式不对"}""", HttpStatusCode.BadRequest, "filingNo" },
        { """{"type":"ReasonableDemand","description":"同意公开写错","consentToDisclose":"yes"}""", HttpStatusCode.BadRequest, "$.consentToDisclose" },
        { """[1,2,3]""", HttpStatusCode.BadRequest, "$" },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task A_bad_card_is_refused_naming_the_field_and_nothing_is_stored_or_published(string body, HttpStatusCode expected, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/supervision/cards") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", TestIdentity.Enterprise(SupervisionHost.E1));
        using var response = await _host.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name == field), problem.ToString());
        await NothingStoredOrPublished();
    }

    async Task NothingStoredOrPublished()
    {
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "cards"));
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "cases"));
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "outbox_messages"));
    }
}

/// <summary>Bad workflow steps, ratings and periods: refused with the offending fields, the case and
/// everything else left as they were.</summary>
public sealed class Refusing_bad_steps : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Bad_steps_ratings_and_periods_are_refused_and_change_nothing()
    {
        // One good case to step on; everything after must leave it as it is.
        var id = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = "请合并检查" })).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "send-for-sign-off", TestIdentity.Office(), new { forwardedSummary = SupervisionHost.Forwarded })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "instruct", TestIdentity.Leader(), new { note = "同意" })).Status);
        var historyBefore = await Sql.CountAsync(_host.Database, "case_history");
        var outboxBefore = await Sql.CountAsync(_host.Database, "outbox_messages");

        foreach (var (body, status, field) in new (object Body, HttpStatusCode Status, string Field)[]
        {
            (new { assignedTo = "SJ" }, HttpStatusCode.BadRequest, "deadline"),
            (new { deadline = "2026-12-20" }, HttpStatusCode.BadRequest, "assignedTo"),
            (new { assignedTo = "SJ", deadline = "2026-11-30" }, HttpStatusCode.BadRequest, "deadline"),
            (new { assignedTo = "SJ", deadline = "2028-01-01" }, HttpStatusCode.BadRequest, "deadline"),
            (new { assignedTo = "QQ", deadline = "2026-12-20" }, HttpStatusCode.UnprocessableEntity, "assignedTo"),
            (new { assignedTo = "SJ", deadline = "2026-12-20", note = "含\u0000控制字符" }, HttpStatusCode.BadRequest, "note"),
            (new { assignedTo = "SJ", deadline = "2026-12-20", revision = -1 }, HttpStatusCode.BadRequest, "revision"),
        })
        {
            var (actual, problem) = await _host.StepAsync(id, "assign", TestIdentity.Office(), body);
            Assert.Equal(status, actual);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        var (wrongShape, _) = await _host.StepAsync(id, "progress", TestIdentity.Office(), new { note = "更新", deadline = "2026-12-20" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.StepAsync(Guid.NewGuid(), "send-for-sign-off", TestIdentity.Office(), new { forwardedSummary = SupervisionHost.Forwarded })).Status);
        using (var notAGuid = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/cases/42/send-for-sign-off", TestIdentity.Office(), new { forwardedSummary = SupervisionHost.Forwarded }))
            Assert.Equal(HttpStatusCode.NotFound, notAGuid.StatusCode);

        foreach (var rating in new object[]
        {
            new { filingNo = "BA2026-YJ-00001", procedure = 6, efficiency = 5, attitude = 5, integrity = 5 },
            new { filingNo = "BA2026-YJ-00001", procedure = 0, efficiency = 5, attitude = 5, integrity = 5 },
            new { filingNo = "BA2026-YJ-00001", efficiency = 5, attitude = 5, integrity = 5 },
            new { procedure = 5, efficiency = 5, attitude = 5, integrity = 5 },
            new { filingNo = "BA2026-YJ-00001", procedure = 5, efficiency = 5, attitude = 5, integrity = 5, comment = new string('长', 501) },
        })
        {
            using var response = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/evaluations", TestIdentity.Enterprise(SupervisionHost.E1), rating);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        foreach (var path in new[] { "/api/supervision/indicators?period=2026-Q5", "/api/supervision/indicators", "/api/supervision/rankings/Q4-2026/draft", "/api/supervision/evaluations?period=1999" })
            Assert.Equal(HttpStatusCode.BadRequest, (await _host.GetAsync(path, TestIdentity.Office())).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.GetAsync("/api/supervision/cases?state=Lost", TestIdentity.Office())).Status);
        using (var badPublish = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/rankings/2026-Q9/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.BadRequest, badPublish.StatusCode);

        Assert.Equal(historyBefore, await Sql.CountAsync(_host.Database, "case_history"));
        Assert.Equal(outboxBefore, await Sql.CountAsync(_host.Database, "outbox_messages"));
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "evaluations"));
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "rankings"));
        var (_, text) = await _host.GetAsync($"/api/supervision/cases/{id}", TestIdentity.Office());
        Assert.Equal("Instructed", JsonDocument.Parse(text).RootElement.GetProperty("state").GetString());
    }
}
