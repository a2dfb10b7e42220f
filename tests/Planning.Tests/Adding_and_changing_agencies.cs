using System.Net;
using Planning.Contracts;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>The office adds an agency the county sets up and changes one that is renamed or reorganized;
/// each is audited and published with its next revision, so every other process learns it from the
/// registry alone. Bad input names its fields and stores and publishes nothing.</summary>
public sealed class Adding_and_changing_agencies(PlanningHost host) : IClassFixture<PlanningHost>
{
    static object Inspector(string certificateNo, string name) => new { certificateNo, name, validFrom = "2025-01-01", validUntil = "2029-12-31" };

    static object Forestry(string code = "LY") => new
    {
        code, name = "林业局", teamsPerDay = 3, yearlyVisitCapPerEnterprise = 2,
        inspectors = new[] { Inspector("33018318001", "林森"), Inspector("33018318002", "叶青") },
    };

    Task<HttpResponseMessage> AddAsync(object agency, string? token = null) =>
        host.Client.CallAsync(HttpMethod.Post, "/api/planning/agencies", token ?? TestIdentity.Office(), agency);

    [Fact]
    public async Task An_agency_the_office_adds_is_in_the_registry_audited_and_published_as_its_first_revision()
    {
        using var added = await AddAsync(Forestry());
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("/api/planning/agencies/LY", added.Headers.Location?.ToString());
        var body = await added.JsonAsync();
        Assert.Equal(("林业局", 3, 2, 2), (body.GetProperty("name").GetString(), body.GetProperty("teamsPerDay").GetInt32(),
            body.GetProperty("yearlyVisitCapPerEnterprise").GetInt32(), body.GetProperty("inspectors").GetArrayLength()));

        var listed = (await (await host.Client.CallAsync(HttpMethod.Get, "/api/planning/agencies", null)).JsonAsync()).EnumerateArray().Select(a => a.GetProperty("code").GetString()).ToList();
        Assert.Contains("LY", listed);
        var published = await Eventually.Until(() => Task.FromResult(host.Published.OfType<AgencyChanged>().FirstOrDefault(a => a.AgencyCode == "LY")),
            a => a is not null, "the new agency is published");
        Assert.Equal((1, "林业局", 2), (published!.Revision, published.Name, published.Inspectors.Count));
        Assert.Equal(1, await Sql.CountAsync(host.Database, "audit_entries", "actor = 'office-clerk' AND via = 'POST /api/planning/agencies' AND changes::text LIKE '%LY%'"));
    }

    [Fact]
    public async Task A_change_the_office_makes_is_published_with_the_next_revision_and_keeps_what_it_leaves_out()
    {
        using (var added = await AddAsync(Forestry("SYJ")))
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var changed = await host.Client.CallAsync(HttpMethod.Put, "/api/planning/agencies/SYJ", TestIdentity.Office(), new { name = "林业和草原局", teamsPerDay = 5 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = await changed.JsonAsync();
        Assert.Equal(("林业和草原局", 5, 2, 2), (body.GetProperty("name").GetString(), body.GetProperty("teamsPerDay").GetInt32(),
            body.GetProperty("yearlyVisitCapPerEnterprise").GetInt32(), body.GetProperty("inspectors").GetArrayLength()));

        var renamed = await Eventually.Until(() => Task.FromResult(host.Published.OfType<AgencyChanged>().FirstOrDefault(a => a.AgencyCode == "SYJ" && a.Name == "林业和草原局")),
            a => a is not null, "the change is published");
        Assert.Equal(2, renamed!.Revision);
        Assert.Equal(1, await Sql.CountAsync(host.Database, "audit_entries", "actor = 'office-clerk' AND via = 'PUT /api/planning/agencies/SYJ'"));
    }

    [Fact]
    public async Task An_agency_code_already_in_the_registry_is_409_and_changes_nothing()
    {
        var outbox = await Sql.CountAsync(host.Database, "outbox_messages");
        using var taken = await AddAsync(new { code = "YJ", name = "另一个应急管理局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4 });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("application/problem+json", taken.Content.Headers.ContentType?.MediaType);
        Assert.Equal("应急管理局", await Sql.ScalarAsync<string>(host.Database, "SELECT name FROM agencies WHERE code = 'YJ'"));
        Assert.Equal(outbox, await Sql.CountAsync(host.Database, "outbox_messages"));
    }

    [Fact]
    public async Task Changing_an_agency_that_is_not_in_the_registry_is_404()
    {
        using var missing = await host.Client.CallAsync(HttpMethod.Put, "/api/planning/agencies/QQ", TestIdentity.Office(), new { name = "不存在的局" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(host.Database, "agencies", "code = 'QQ'"));
    }

    [Fact]
    public async Task Only_the_office_and_administrators_add_agencies()
    {
        using var byAgency = await AddAsync(Forestry("JY"), TestIdentity.Agency("YJ"));
        Assert.Equal(HttpStatusCode.Forbidden, byAgency.StatusCode);
        using var byLeader = await AddAsync(Forestry("JY"), TestIdentity.Leader());
        Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(host.Database, "agencies", "code = 'JY'"));
        using var byAdmin = await AddAsync(Forestry("JY"), TestIdentity.Token(Roles.Admin, subject: "administrator"));
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
    }

    public static TheoryData<string, string, object> BadAgencies() => new()
    {
        { "no code", "code", new { name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4 } },
        { "a code in small letters", "code", new { code = "ly", name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4 } },
        { "a code with a line break", "code", new { code = "LY\n", name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4 } },
        { "no name", "name", new { code = "LY", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4 } },
        { "a name too long", "name", new { code = "LY", name = new string('林', 101), teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4 } },
        { "a name with a control character", "name", new { code = "LY", name = "林业\u0007局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4 } },
        { "no teams", "teamsPerDay", new { code = "LY", name = "林业局", yearlyVisitCapPerEnterprise = 4 } },
        { "zero teams", "teamsPerDay", new { code = "LY", name = "林业局", teamsPerDay = 0, yearlyVisitCapPerEnterprise = 4 } },
        { "a negative cap", "yearlyVisitCapPerEnterprise", new { code = "LY", name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = -1 } },
        { "an empty inspector", "inspectors[0]", new { code = "LY", name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4, inspectors = new object?[] { null } } },
        { "an inspector with no field", "inspectors[0].certificateNo", new { code = "LY", name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4, inspectors = new[] { new { } } } },
        { "an inspector with no name", "inspectors[0].name", new { code = "LY", name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4,
            inspectors = new[] { new { certificateNo = "33018318001", validFrom = "2025-01-01", validUntil = "2029-12-31" } } } },
    };

    [Theory]
    [MemberData(nameof(BadAgencies))]
    public async Task A_bad_agency_names_the_field_and_stores_and_publishes_nothing(string because, string field, object agency)
    {
        var agencies = await Sql.CountAsync(host.Database, "agencies");
        var outbox = await Sql.CountAsync(host.Database, "outbox_messages");
        using var refused = await AddAsync(agency);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), because);
        Assert.Equal(agencies, await Sql.CountAsync(host.Database, "agencies"));
        Assert.Equal(outbox, await Sql.CountAsync(host.Database, "outbox_messages"));
    }

    [Fact]
    public async Task A_bad_change_names_the_field_and_changes_nothing()
    {
        var before = await Sql.ScalarAsync<string>(host.Database, "SELECT row_to_json(a)::text FROM agencies a WHERE code = 'SJ'");
        using var refused = await host.Client.CallAsync(HttpMethod.Put, "/api/planning/agencies/SJ", TestIdentity.Office(), new { name = " ", yearlyVisitCapPerEnterprise = 0 });
        var errors = await refused.ErrorsAsync(HttpStatusCode.BadRequest);
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("yearlyVisitCapPerEnterprise", out _), errors.ToString());
        Assert.Equal(before, await Sql.ScalarAsync<string>(host.Database, "SELECT row_to_json(a)::text FROM agencies a WHERE code = 'SJ'"));
    }
}
