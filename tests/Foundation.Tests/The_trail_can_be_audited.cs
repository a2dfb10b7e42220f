using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>留痕 an inspector can audit: each entry says which fields changed from what to what (a
/// complainant's identity masked), which messages made a change, and the office and the task force
/// search and export every service's trail, which records that they read it.</summary>
public sealed class The_trail_can_be_audited(FourServices services) : IClassFixture<FourServices>
{
    readonly Dictionary<string, string> _databases = services.Databases;
    readonly Dictionary<string, HttpClient> _clients = services.Clients;

    [Fact]
    public async Task A_correction_is_recorded_with_each_changed_field_old_and_new()
    {
        const string creditCode = "91330183MA2100098L";
        Assert.True(CreditCode.IsValid(creditCode));
        var planning = _clients["planning"];
        await Send(planning, HttpMethod.Post, "/api/planning/enterprises", TestIdentity.Office(), new { creditCode, name = "晨光包装有限公司", zone = "化工园区A区", industry = "包装", riskLevel = "Low", quietPeriods = Array.Empty<object>() });
        await Send(planning, HttpMethod.Put, $"/api/planning/enterprises/{creditCode}", TestIdentity.Office(), new { name = "晨光新材料有限公司", zone = "化工园区A区", industry = "包装", riskLevel = "High", quietPeriods = Array.Empty<object>() });

        var page = await Read(planning, $"/api/planning/audit?entity=enterprises&key={creditCode}", TestIdentity.Office());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var correction = items[0].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("entity").GetString() == "enterprises");
        Assert.Equal("Modified", correction.GetProperty("change").GetString());
        var fields = correction.GetProperty("fields");
        Assert.Equal("晨光包装有限公司", fields.GetProperty("name").GetProperty("old").GetString());
        Assert.Equal("晨光新材料有限公司", fields.GetProperty("name").GetProperty("new").GetString());
        Assert.Equal("Low", fields.GetProperty("risk_level").GetProperty("old").GetString());
        Assert.Equal("High", fields.GetProperty("risk_level").GetProperty("new").GetString());
        // Only what changed: the zone stayed as it was.
        Assert.False(fields.TryGetProperty("zone", out _));
        Assert.Equal("office-clerk", items[0].GetProperty("actor").GetString());

        var registration = items[1].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("entity").GetString() == "enterprises");
        Assert.Equal("Added", registration.GetProperty("change").GetString());
        Assert.Equal("晨光包装有限公司", registration.GetProperty("fields").GetProperty("name").GetProperty("new").GetString());
    }

    [Fact]
    public async Task A_complainants_identity_is_masked_in_the_trail()
    {
        const string complainant = "91330183MA2100003U";
        var supervision = _clients["supervision"];
        await Send(supervision, HttpMethod.Post, "/api/supervision/cards", TestIdentity.Enterprise(complainant), new { type = "ReasonableDemand", description = "检查通知太晚，希望提前告知" });

        var entry = await Sql.ScalarAsync<string>(_databases["supervision"],
            "SELECT changes::text FROM audit_entries WHERE changes @> '[{\"entity\":\"cards\"}]' AND via = 'POST /api/supervision/cards' ORDER BY id DESC LIMIT 1");
        var card = JsonDocument.Parse(entry).RootElement.EnumerateArray().Single(c => c.GetProperty("entity").GetString() == "cards");
        var fields = card.GetProperty("fields");
        Assert.Equal("***", fields.GetProperty("submitter_credit_code").GetProperty("new").GetString());
        Assert.Equal("***", fields.GetProperty("submitted_by").GetProperty("new").GetString());
        Assert.Equal("检查通知太晚，希望提前告知", fields.GetProperty("description").GetProperty("new").GetString());
        Assert.True(!entry.Contains(complainant), entry);
    }

    [Fact]
    public async Task What_a_message_changed_names_the_message_and_is_found_by_its_id()
    {
        await Eventually.Until(() => Sql.CountAsync(_databases["supervision"], "audit_entries", "via LIKE 'consume %' AND messages IS NOT NULL"), n => n >= 1, "a consumed message is recorded");
        var (via, message) = (await Sql.RowsAsync(_databases["supervision"],
            "SELECT via, messages[1] FROM audit_entries WHERE via LIKE 'consume %' AND messages IS NOT NULL ORDER BY id LIMIT 1",
            r => (r.GetString(0), r.GetString(1)))).Single();
        Assert.Matches(@"^consume [A-Z][A-Za-z]+$", via);
        Assert.True(Guid.TryParse(message, out _));

        var page = await Read(_clients["supervision"], $"/api/supervision/audit?message={message}", TestIdentity.Discipline());
        var found = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("system", found.GetProperty("actor").GetString());
        Assert.Contains(message, found.GetProperty("messages").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task The_office_and_the_task_force_read_the_trail_and_their_reading_is_recorded()
    {
        var tolerance = _clients["tolerance"];
        const string read = "changes @> '[{\"entity\":\"audit_entries\",\"change\":\"Read\"}]'";
        var before = await Sql.CountAsync(_databases["tolerance"], "audit_entries", read);

        var first = await Read(tolerance, "/api/tolerance/audit?limit=1", TestIdentity.Office());
        Assert.Single(first.GetProperty("items").EnumerateArray());
        var next = first.GetProperty("next").GetString();
        var second = await Read(tolerance, $"/api/tolerance/audit?limit=1&after={next}", TestIdentity.Office());
        Assert.True(second.GetProperty("items")[0].GetProperty("id").GetInt64() < long.Parse(next!));

        using var export = await Get(tolerance, "/api/tolerance/audit/export", TestIdentity.Discipline("task-force-member"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.True((await export.Content.ReadAsByteArrayAsync()).Length > 0);

        Assert.Equal(before + 3, await Sql.CountAsync(_databases["tolerance"], "audit_entries", read));
        Assert.Equal(1, await Sql.CountAsync(_databases["tolerance"], "audit_entries", $"{read} AND actor = 'task-force-member'"));
    }

    [Theory]
    [InlineData("agency")]
    [InlineData("enterprise")]
    [InlineData("leader")]
    public async Task Nobody_else_reads_the_trail(string role)
    {
        var token = role switch { "agency" => TestIdentity.Agency("YJ"), "enterprise" => TestIdentity.Enterprise("91330183MA2100001M"), _ => TestIdentity.Leader() };
        using var search = await Get(_clients["filing"], "/api/filing/audit", token);
        Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
        using var export = await Get(_clients["filing"], "/api/filing/audit/export", token);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
    }

    [Theory]
    [InlineData("after=abc", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("message=not-a-uuid", "message")]
    [InlineData("entity=cards%0A", "entity")]
    [InlineData("from=2026-05-02&to=2026-05-01", "to")]
    public async Task A_bad_search_names_the_field_and_records_nothing(string query, string field)
    {
        var before = await Sql.CountAsync(_databases["filing"], "audit_entries");
        using var response = await Get(_clients["filing"], $"/api/filing/audit?{query}", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await Sql.CountAsync(_databases["filing"], "audit_entries"));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'nobody'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER ALL")]
    [InlineData("UPDATE cards SET description = 'rewritten'")]
    [InlineData("DELETE FROM cards")]
    [InlineData("TRUNCATE case_history")]
    [InlineData("DELETE FROM case_history")]
    [InlineData("ALTER TABLE case_history DISABLE TRIGGER ALL")]
    [InlineData("ALTER TABLE cards OWNER TO park_service")]
    [InlineData("DROP TABLE cards")]
    public async Task The_services_own_user_can_only_add_to_the_trail_the_cards_and_the_case_history(string sql)
    {
        // The service's own connection, as it runs (the schema's owner is another role).
        var asService = PrivatePostgres.AsServiceUser(_databases["supervision"]);
        Assert.Equal(PrivatePostgres.ServiceUser, new Npgsql.NpgsqlConnectionStringBuilder(asService).Username);
        await Send(_clients["supervision"], HttpMethod.Post, "/api/supervision/cards", TestIdentity.Enterprise("91330183MA2100001M"), new { type = "ReasonableDemand", description = "希望检查前电话告知" });
        var cards = await Sql.CountAsync(_databases["supervision"], "cards");

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Sql.ScalarAsync<object>(asService, sql));
        Assert.Equal("42501", refused.SqlState);
        // What it needs still works: it reads them, and nothing was changed.
        Assert.Equal(cards, await Sql.ScalarAsync<long>(asService, "SELECT count(*) FROM cards"));
        Assert.Equal(0, await Sql.CountAsync(_databases["supervision"], "cards", "description = 'rewritten'"));
        Assert.Equal(0, await Sql.CountAsync(_databases["supervision"], "audit_entries", "actor = 'nobody'"));
    }

    static async Task Send(HttpClient client, HttpMethod method, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    static async Task<HttpResponseMessage> Get(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request);
    }

    static async Task<JsonElement> Read(HttpClient client, string path, string token)
    {
        using var response = await Get(client, path, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
