using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>留痕: writes through each service's API, and the effects of the messages they cause in the
/// other services, are recorded in the same transaction with who, in which role, through which client,
/// from which address, through which request, and what changed. Refused requests leave nothing.</summary>
public sealed class Every_write_leaves_a_trail(FourServices services) : IClassFixture<FourServices>
{
    readonly Dictionary<string, string> _databases = services.Databases;
    readonly Dictionary<string, HttpClient> _clients = services.Clients;
    readonly Dictionary<string, IServiceProvider> _services = services.Services;

    public static TheoryData<string, string, string, string, string, string> Writes => new()
    {
        // service, method, path, caller, body, table changed
        { "planning", "POST", "/api/planning/enterprises", "office", """{"creditCode":"91330183MA2100099P","name":"恒信精细化工有限公司","zone":"化工园区A区","industry":"化工","riskLevel":"Low","quietPeriods":[]}""", "enterprises" },
        { "planning", "POST", "/api/planning/declarations", "agency:YJ", """{"period":"2027-Q1","agencyCode":"YJ","matterCodes":["YJ-01"],"creditCodes":["91330183MA2100001M"],"windowFrom":"2027-02-01","windowTo":"2027-03-15","mandateLevel":"County","category":"Routine","method":"现场检查"}""", "plan_declarations" },
        { "filing", "POST", "/api/filing/refusals", "enterprise:91330183MA2100001M", $$"""{"agencyCode":"SJ","description":"两人自称检查人员，未出示备案","occurredAt":"{{DateTimeOffset.UtcNow.AddHours(-1):O}}"}""", "refusals" },
        { "tolerance", "PUT", "/api/tolerance/items/draft", "office", """[{"code":"XZ-YJ-001","title":"危化品安全周知卡缺失","matterCode":"YJ-01","outcome":"NoPenalty","source":"Provincial","legalBasis":"《免罚清单》第1项","rectification":"OnTheSpot","requiresNoHarm":true,"effectiveFrom":"2026-01-01"}]""", "tolerance_lists" },
        { "supervision", "POST", "/api/supervision/cards", "enterprise:91330183MA2100002Q", """{"type":"ReasonableDemand","description":"希望合并同一周内的多次检查"}""", "cases" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_is_recorded_with_who_when_how_and_what(string service, string method, string path, string caller, string body, string table)
    {
        var clock = _services[service].GetRequiredService<TimeProvider>();
        var before = await Sql.CountAsync(_databases[service], "audit_entries", "via = $1", $"{method} {path}");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", TestIdentity.For(caller));
        var sent = clock.GetUtcNow();
        using var response = await _clients[service].SendAsync(request);
        var answered = clock.GetUtcNow();
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        Assert.Equal(before + 1, await Sql.CountAsync(_databases[service], "audit_entries", "via = $1", $"{method} {path}"));
        var entry = await Sql.ScalarAsync<string>(_databases[service],
            "SELECT row_to_json(a)::text FROM audit_entries a WHERE via = $1 ORDER BY id DESC LIMIT 1", $"{method} {path}");
        var row = JsonDocument.Parse(entry).RootElement;
        Assert.Equal(TestIdentity.SubjectOf(caller), row.GetProperty("actor").GetString());
        Assert.Equal(caller.Split(':')[0], row.GetProperty("roles").GetString());
        Assert.Equal("test-client", row.GetProperty("client").GetString());
        // Recorded while the request ran, by the service's clock (PostgreSQL keeps microseconds).
        var at = row.GetProperty("at").GetDateTimeOffset();
        Assert.True(at >= sent.AddMilliseconds(-1) && at <= answered.AddMilliseconds(1), $"recorded at {at:O}, sent at {sent:O}, answered at {answered:O}");
        Assert.Contains($"\"entity\":\"{table}\"", row.GetProperty("changes").ToString().Replace(" ", ""));

        // The same request refused (sent again it conflicts or is invalid) leaves nothing more.
        using var again = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body.Replace("\"", "'"), System.Text.Encoding.UTF8, "application/json") };
        again.Headers.Authorization = new("Bearer", TestIdentity.For(caller));
        using var refused = await _clients[service].SendAsync(again);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before + 1, await Sql.CountAsync(_databases[service], "audit_entries", "via = $1", $"{method} {path}"));
    }

    [Fact]
    public async Task What_a_message_changes_is_recorded_as_the_systems_doing()
    {
        // The demo park's registrations reached supervision by message.
        await Eventually.Until(() => Sql.CountAsync(_databases["supervision"], "audit_entries", "via LIKE 'consume %' AND actor = 'system'"), n => n >= 60, "the consumed registrations are recorded");
        Assert.Equal(0, await Sql.CountAsync(_databases["supervision"], "audit_entries", "via LIKE 'consume %' AND actor <> 'system'"));
    }
}
