using System.Net;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>Who may do what in planning, and what bad input gets: problem details naming the
/// field, nothing stored, nothing published.</summary>
public sealed class Planning_refuses_what_is_not_allowed : IClassFixture<PlanningHost>
{
    readonly PlanningHost _host;

    public Planning_refuses_what_is_not_allowed(PlanningHost host) => _host = host;

    async Task AssertNothingStoredAsync(long outboxBefore)
    {
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "plan_declarations"));
        Assert.Equal(outboxBefore, await Sql.CountAsync(_host.Database, "outbox_messages"));
    }

    [Fact]
    public async Task An_agency_declares_only_for_itself_and_its_own_matters_and_only_the_office_consolidates()
    {
        var outbox = await Sql.CountAsync(_host.Database, "outbox_messages");
        var e1 = _host.Enterprises[0];
        var client = _host.Client;

        var asAnother = new { period = "2026-Q4", agencyCode = "XF", matterCodes = new[] { "XF-T1" }, creditCodes = new[] { e1 }, windowFrom = "2026-12-01", windowTo = "2026-12-10", mandateLevel = "County", category = "Routine", method = "现场检查" };
        using (var r = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), asAnother))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), _host.Declaration("YJ", ["XF-T1"], [e1], "2026-12-01", "2026-12-10")))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Office(), _host.Declaration("YJ", ["YJ-T1"], [e1], "2026-12-01", "2026-12-10")))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", null, _host.Declaration("YJ", ["YJ-T1"], [e1], "2026-12-01", "2026-12-10")))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        foreach (var token in new[] { TestIdentity.Agency("YJ"), TestIdentity.Enterprise(e1), TestIdentity.Token("leader") })
        {
            using var r = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", token, new { });
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }
        using (var r = await client.CallAsync(HttpMethod.Get, "/api/planning/declarations", TestIdentity.Enterprise(e1)))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await client.CallAsync(HttpMethod.Post, "/api/planning/matters", TestIdentity.Agency("YJ"), new { code = "YJ-X" }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await client.CallAsync(HttpMethod.Put, "/api/planning/calendar/2027", TestIdentity.Agency("YJ"), new { holidays = Array.Empty<string>() }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        await AssertNothingStoredAsync(outbox);
    }

    public static TheoryData<string, string, object> BadDeclarations()
    {
        const string e = "91330183MA2000019W";
        object Body(string period = "2026-Q4", string[]? matters = null, string[]? enterprises = null, string from = "2026-12-01", string to = "2026-12-10", string level = "County") =>
            new { period, matterCodes = matters ?? ["YJ-T1"], creditCodes = enterprises ?? [e], windowFrom = from, windowTo = to, mandateLevel = level, category = "Routine", method = "现场检查" };
        return new()
        {
            { "a reversed window", "windowTo", Body(from: "2026-12-10", to: "2026-12-01") },
            { "a window outside the period", "windowFrom", Body(from: "2026-09-30") },
            { "an unknown period", "period", Body(period: "2026-Q5") },
            { "no matters", "matterCodes", Body(matters: []) },
            { "an oversize list of enterprises", "creditCodes", Body(enterprises: Enumerable.Range(0, 501).Select(i => $"E{i}").ToArray()) },
            { "a matter listed twice", "matterCodes", Body(matters: ["YJ-T1", "YJ-T1"]) },
            { "an unknown mandate level", "mandateLevel", new { period = "2026-Q4", matterCodes = new[] { "YJ-T1" }, creditCodes = new[] { e }, windowFrom = "2026-12-01", windowTo = "2026-12-10", mandateLevel = "Galactic", category = "Routine", method = "x" } },
            { "an unknown matter", "matterCodes", Body(matters: ["YJ-NOPE"]) },
            { "an unregistered enterprise", "creditCodes", Body(enterprises: ["91330100716105852F"]) },
        };
    }

    [Theory]
    [MemberData(nameof(BadDeclarations))]
    public async Task A_bad_declaration_is_answered_with_the_offending_field_and_stores_nothing(string because, string field, object body)
    {
        var outbox = await Sql.CountAsync(_host.Database, "outbox_messages");
        using var response = await _host.Client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), body);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{because}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(p => p.Name == field || p.Name == $"$.{field}"), $"{because}: {errors}");
        await AssertNothingStoredAsync(outbox);
    }

    [Fact]
    public async Task A_make_up_workday_on_a_weekday_is_refused()
    {
        using var response = await _host.Client.CallAsync(HttpMethod.Put, "/api/planning/calendar/2027", TestIdentity.Office(),
            new { holidays = new[] { "2027-01-01" }, makeUpWorkdays = new[] { "2027-01-04" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("makeUpWorkdays[0]", out _));
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "calendar_years", "year = 2027"));
    }
}
