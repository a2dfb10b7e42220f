using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>A generated corpus of malformed requests, at least 200 per service: wrong types, missing,
/// null and extra fields, oversize strings and lists, invalid credit codes, reversed windows, unknown
/// enum values, injection strings, control and full-width characters, malformed bodies and wrong
/// content types. Each is answered 4xx with problem details, never 5xx; no row is written and no
/// event is published.</summary>
public sealed class Bad_input_corpus
{
    /// <summary>A valid request and how each of its fields may be broken.</summary>
    sealed record Template(string Method, string Path, string Token, JsonNode Body, Dictionary<string, Kind> Fields);

    enum Kind { Code, CreditCode, Text, Date, Enum, List, OptionalList, Number, Flag, OptionalDate, OptionalNumber }

    static readonly string[] Injections = ["'; DROP TABLE enterprises; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd", "1 OR 1=1"];

    /// <summary>What makes a field of this kind wrong, whatever the rest of the request; <paramref name="valid"/>
    /// is the field's valid value in the template.</summary>
    static IEnumerable<(string Name, JsonNode? Value, bool Remove)> Breakages(Kind kind, JsonNode? valid)
    {
        if (kind == Kind.Flag)
        {
            foreach (var (name, value) in new (string, JsonNode?)[] { ("a string", "yes"), ("a number", 1), ("a list", new JsonArray(true)), ("an object", new JsonObject()) })
                yield return (name, value, false);
            yield break;
        }
        if (kind is not (Kind.OptionalDate or Kind.OptionalNumber or Kind.OptionalList))
        {
            yield return ("missing", null, true);
            yield return ("null", null, false);
        }
        yield return ("an object", new JsonObject { ["nested"] = new JsonObject { ["deeper"] = 1 } }, false);
        yield return ("oversize", new string('长', 20_001), false);
        yield return ("control characters", "\u0000\u0007\u001b", false);
        yield return ("empty", "", false);
        yield return ("whitespace", "   ", false);
        if (kind != Kind.Text)
        {
            yield return ("a boolean", true, false);
            yield return ("full-width", "９１３３０１８３ＭＡ２１００００１Ｍ", false);
            yield return ("right-to-left override", "\u202EYJ", false);
            yield return ("emoji", "😀😀", false);
            foreach (var (i, injection) in Injections.Index()) yield return ($"injection {i}", injection, false);
        }
        if (kind is Kind.Code or Kind.CreditCode or Kind.Date or Kind.OptionalDate or Kind.Enum or Kind.Number or Kind.OptionalNumber) yield return ("a list", new JsonArray("YJ", "SJ"), false);
        if (kind is Kind.Code or Kind.CreditCode or Kind.Text or Kind.Date or Kind.OptionalDate or Kind.Enum) yield return ("a number", 12345, false);
        if (kind == Kind.CreditCode)
        {
            yield return ("wrong check character", "91330183MA2100001A", false);
            yield return ("lower case", "91330183ma2100001m", false);
            yield return ("17 characters", "91330183MA2100001", false);
            yield return ("letter O", "91330183MO2100001M", false);
        }
        if (kind is Kind.Date or Kind.OptionalDate) { yield return ("no such day", "2026-02-30", false); yield return ("not a date", "明天", false); }
        // .NET's $ matches before a final newline: a pattern anchored with it accepts "2026-Q4\n".
        if (kind is Kind.Code or Kind.CreditCode or Kind.Enum or Kind.Date or Kind.OptionalDate && valid?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            yield return ("a trailing newline", valid!.GetValue<string>() + "\n", false);
        if (kind == Kind.Enum) { yield return ("unknown value", "Amnesty", false); yield return ("a number for a name", 3, false); }
        if (kind is Kind.List or Kind.OptionalList)
        {
            if (kind == Kind.List) yield return ("an empty list", new JsonArray(), false);
            yield return ("10,000 items", new JsonArray(Enumerable.Range(0, 10_000).Select(i => (JsonNode?)$"X{i}").ToArray()), false);
            yield return ("a list of numbers", new JsonArray(1, 2, 3), false);
            yield return ("a string for a list", "YJ-01", false);
            // System.Text.Json binds [null] and [{}] without complaint: each element must be checked.
            var first = valid is JsonArray { Count: > 0 } items ? items[0] : null;
            yield return ("a null element", new JsonArray(first?.DeepClone(), null), false);
            if (first is JsonObject)
                yield return ("elements with every field missing", new JsonArray(new JsonObject(), new JsonObject()), false);
            if (first?.GetValueKind() == System.Text.Json.JsonValueKind.String)
                yield return ("an element with a trailing newline", new JsonArray(first.GetValue<string>() + "\n"), false);
        }
        if (kind is Kind.Number or Kind.OptionalNumber) { yield return ("negative", -1, false); yield return ("overflow", 2147483648L, false); yield return ("a fraction", 1.5, false); yield return ("a string", "5", false); }
    }

    static IEnumerable<(string Name, string ContentType, byte[] Body)> BodyBreakages(JsonNode valid)
    {
        var json = valid.ToJsonString();
        yield return ("empty body", "application/json", []);
        yield return ("truncated JSON", "application/json", Encoding.UTF8.GetBytes(json[..(json.Length / 2)]));
        yield return ("a JSON array", "application/json", "[1,2,3]"u8.ToArray());
        yield return ("a JSON string", "application/json", "\"hello\""u8.ToArray());
        yield return ("JSON null", "application/json", "null"u8.ToArray());
        yield return ("1,000-deep nesting", "application/json", Encoding.UTF8.GetBytes(new string('[', 1000) + new string(']', 1000)));
        yield return ("not UTF-8", "application/json", [0xFF, 0xFE, 0xFD, 0x7B]);
        yield return ("a form", "application/x-www-form-urlencoded", "a=1&b=2"u8.ToArray());
        yield return ("XML", "application/xml", "<a>1</a>"u8.ToArray());
        yield return ("plain text", "text/plain", Encoding.UTF8.GetBytes(json));
        yield return ("trailing garbage", "application/json", Encoding.UTF8.GetBytes(json + "}}}"));
        yield return ("duplicate-free comment", "application/json", Encoding.UTF8.GetBytes("/* x */" + json));
    }

    static IEnumerable<(string Name, string ContentType, byte[] Body)> Corpus(Template t)
    {
        foreach (var b in BodyBreakages(t.Body)) yield return b;
        foreach (var (field, kind) in t.Fields)
        foreach (var (name, value, remove) in Breakages(kind, (t.Body is JsonArray rows ? rows[0]! : t.Body)[field]))
        {
            var whole = t.Body.DeepClone();
            var body = whole is JsonArray list ? list[0]!.AsObject() : whole.AsObject();
            if (remove) body.Remove(field);
            else body[field] = value?.DeepClone();
            yield return ($"{field}: {name}", "application/json", Encoding.UTF8.GetBytes(whole.ToJsonString()));
        }
        var extraWhole = t.Body.DeepClone();
        (extraWhole is JsonArray items ? items[0]!.AsObject() : extraWhole.AsObject())["unexpected"] = "x";
        yield return ("an unknown field", "application/json", Encoding.UTF8.GetBytes(extraWhole.ToJsonString()));
    }

    static JsonObject Json(object value) => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(value))!.AsObject();

    /// <summary>Values that travel in paths and queries, pattern-checked like bodies: each with a
    /// trailing newline (%0A), which a pattern anchored with $ would accept.</summary>
    static List<(string Method, string Path, string Token)> Probes(string service) => service switch
    {
        "planning" =>
        [
            ("POST", "/api/planning/periods/2026-Q4%0A/consolidations", TestIdentity.Office()),
            ("GET", "/api/planning/enterprises/91330183MA2100001M/ledger?period=2026-Q4%0A", TestIdentity.Office()),
            ("GET", "/api/planning/enterprises/91330183MA2100001M%0A/ledger?period=2026-Q4", TestIdentity.Office()),
        ],
        "filing" =>
        [
            ("GET", "/api/filing/figures?period=2026%0A", TestIdentity.Office()),
        ],
        "tolerance" =>
        [
            ("GET", "/api/tolerance/decisions/figures?period=2026%0A", TestIdentity.Office()),
        ],
        _ =>
        [
            ("POST", "/api/supervision/rankings/2025%0A/publish", TestIdentity.Office()),
            ("GET", "/api/supervision/rankings/2025%0A/draft", TestIdentity.Office()),
            ("GET", "/api/supervision/indicators?period=2026-Q4%0A", TestIdentity.Office()),
            ("GET", "/api/supervision/evaluations?period=2025%0A", TestIdentity.Agency("YJ")),
            ("GET", "/api/supervision/cases?agencyCode=YJ%0A", TestIdentity.Office()),
        ],
    };

    public static TheoryData<string> Services => new() { "planning", "filing", "tolerance", "supervision" };

    static List<Template> Templates(string service) => service switch
    {
        "planning" =>
        [
            new("POST", "/api/planning/enterprises", TestIdentity.Office(),
                Json(new { creditCode = "91330183MA2100099P", name = "恒信精细化工有限公司", zone = "化工园区A区", industry = "化工", riskLevel = "Low", quietPeriods = Array.Empty<object>() }),
                new() { ["creditCode"] = Kind.CreditCode, ["name"] = Kind.Text, ["zone"] = Kind.Text, ["industry"] = Kind.Text, ["riskLevel"] = Kind.Enum }),
            new("POST", "/api/planning/declarations", TestIdentity.Agency("YJ"),
                Json(new { period = "2027-Q1", agencyCode = "YJ", matterCodes = new[] { "YJ-01" }, creditCodes = new[] { "91330183MA2100001M" }, windowFrom = "2027-02-01", windowTo = "2027-03-15", mandateLevel = "County", category = "Routine", method = "现场检查" }),
                new() { ["period"] = Kind.Code, ["matterCodes"] = Kind.List, ["creditCodes"] = Kind.List, ["windowFrom"] = Kind.Date, ["windowTo"] = Kind.Date, ["mandateLevel"] = Kind.Enum, ["category"] = Kind.Enum }),
            new("PUT", "/api/planning/agencies/YJ", TestIdentity.Office(),
                Json(new { name = "应急管理局", teamsPerDay = 3, inspectors = DemoRoster.Entries("YJ") }),
                new() { ["inspectors"] = Kind.OptionalList }),
            new("POST", "/api/planning/draws", TestIdentity.Agency("YJ"),
                Json(new { period = "2027-Q1", matterCodes = new[] { "YJ-01" }, enterpriseCount = 3, inspectorCount = 2, zones = new[] { "化工园区A区" }, recusals = new[] { new { certificateNo = "33018301001", creditCode = "91330183MA2100001M" } } }),
                new() { ["period"] = Kind.Code, ["matterCodes"] = Kind.List, ["zones"] = Kind.OptionalList, ["recusals"] = Kind.OptionalList, ["enterpriseCount"] = Kind.Number }),
            new("POST", "/api/planning/draws/commitments", TestIdentity.Office(), Json(new { period = "2027-Q2" }), new() { ["period"] = Kind.Code }),
            new("PUT", "/api/planning/calendar/2030", TestIdentity.Office(),
                Json(new { holidays = new[] { "2030-01-01" }, makeUpWorkdays = new[] { "2030-01-05" } }),
                new() { ["holidays"] = Kind.OptionalList, ["makeUpWorkdays"] = Kind.OptionalList }),
        ],
        "filing" =>
        [
            new("POST", "/api/filing/refusals", TestIdentity.Enterprise("91330183MA2100001M"),
                Json(new { agencyCode = "SJ", description = "两人自称检查人员，未出示备案", occurredAt = DateTimeOffset.UtcNow.AddHours(-1) }),
                new() { ["description"] = Kind.Text, ["occurredAt"] = Kind.Date }),
            new("POST", "/api/filing/filings", TestIdentity.Agency("YJ"),
                Json(new { unplannedReason = "群众举报需现场核查", creditCode = "91330183MA2100001M", matterCodes = new[] { "YJ-01" }, windowStart = DateTimeOffset.UtcNow.AddDays(1), windowEnd = DateTimeOffset.UtcNow.AddDays(1).AddHours(2), agencies = new[] { "SJ" },
                    inspectors = DemoRoster.Two("YJ") }),
                new() { ["creditCode"] = Kind.CreditCode, ["matterCodes"] = Kind.List, ["windowStart"] = Kind.Date, ["windowEnd"] = Kind.Date, ["inspectors"] = Kind.List, ["agencies"] = Kind.OptionalList }),
            new("POST", "/api/filing/emergency", TestIdentity.Agency("YJ"),
                Json(new { creditCode = "91330183MA2100001M", reason = "危化品泄漏，须立即检查", approvedBy = "张副局长", approvedAt = DateTimeOffset.UtcNow.AddMinutes(-10), expectedEndAt = DateTimeOffset.UtcNow.AddHours(2) }),
                new() { ["creditCode"] = Kind.CreditCode, ["reason"] = Kind.Text, ["approvedBy"] = Kind.Text, ["approvedAt"] = Kind.Date, ["expectedEndAt"] = Kind.Date }),
        ],
        "tolerance" =>
        [
            new("POST", "/api/tolerance/evaluations", TestIdentity.Agency("YJ"),
                Json(new { creditCode = "91330183MA2100001M", matterCode = "YJ-01", foundOn = "2026-12-01", severity = 1, rectifiedOnTheSpot = true, harmCaused = false }),
                new() { ["creditCode"] = Kind.CreditCode, ["matterCode"] = Kind.Code, ["foundOn"] = Kind.Date, ["severity"] = Kind.Number, ["rectifiedOnTheSpot"] = Kind.Flag, ["harmCaused"] = Kind.Flag }),
            new("PUT", "/api/tolerance/items/draft", TestIdentity.Office(),
                new JsonArray(Json(new
                {
                    code = "XZ-YJ-001", title = "危化品安全周知卡缺失", matterCode = "YJ-01", outcome = "NoPenalty", source = "Provincial", legalBasis = "《浙江省应急管理轻微违法行为免罚清单》第1项",
                    firstViolationWithinMonths = 12, maxSeverity = 2, rectification = "OnTheSpot", requiresNoHarm = true, effectiveFrom = "2026-01-01",
                })),
                new() { ["code"] = Kind.Code, ["title"] = Kind.Text, ["matterCode"] = Kind.Code, ["outcome"] = Kind.Enum, ["source"] = Kind.Enum, ["legalBasis"] = Kind.Text,
                    ["firstViolationWithinMonths"] = Kind.OptionalNumber, ["maxSeverity"] = Kind.OptionalNumber, ["rectification"] = Kind.Enum, ["effectiveFrom"] = Kind.Date }),
        ],
        _ =>
        [
            new("POST", "/api/supervision/cards", TestIdentity.Enterprise("91330183MA2100001M"),
                Json(new { type = "ReasonableDemand", description = "希望合并同一周内的多次检查", occurredOn = "2026-11-20" }),
                new() { ["type"] = Kind.Enum, ["description"] = Kind.Text, ["occurredOn"] = Kind.OptionalDate }),
            new("POST", "/api/supervision/evaluations", TestIdentity.Enterprise("91330183MA2100001M"),
                Json(new { filingNo = "BA2026-YJ-00001", procedure = 5, efficiency = 5, attitude = 5, integrity = 5, comment = "好" }),
                new() { ["filingNo"] = Kind.Code, ["procedure"] = Kind.Number, ["efficiency"] = Kind.Number, ["attitude"] = Kind.Number, ["integrity"] = Kind.Number }),
            new("POST", $"/api/supervision/cases/{Guid.NewGuid()}/assign", TestIdentity.Office(),
                Json(new { assignedTo = "SJ", deadline = "2026-12-20", revision = 2 }),
                new() { ["assignedTo"] = Kind.Code, ["deadline"] = Kind.Date, ["revision"] = Kind.Flag }),
        ],
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_malformed_request_gets_problem_details_and_changes_nothing(string service)
    {
        var infra = await SharedInfrastructure.GetAsync();
        var database = await infra.Postgres.CreateDatabaseAsync(service);
        var broker = await infra.RabbitMq.CreateVirtualHostAsync($"corpus-{service}");
        var settings = ServiceSettings.For(service, database, broker,
            new Dictionary<string, string> { ["Sweeps:InProcess"] = "false", ["Seed:DemoPark"] = "true" });
        IAsyncDisposable host;
        HttpClient client;
        switch (service)
        {
            case "planning": { var f = new ServiceFactory<Planning.Api.Data.PlanningDb>(settings); (host, client) = (f, f.CreateClient()); break; }
            case "filing": { var f = new ServiceFactory<Filing.Api.Data.FilingDb>(settings); (host, client) = (f, f.CreateClient()); break; }
            case "tolerance": { var f = new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(settings); (host, client) = (f, f.CreateClient()); break; }
            default: { var f = new ServiceFactory<Supervision.Api.Data.SupervisionDb>(settings); (host, client) = (f, f.CreateClient()); break; }
        }
        await using var _ = host;
        using var __ = client;
        // The demo seeding, where the service has one, ran as the host started; what it published is
        // handled before the corpus.
        await infra.RabbitMq.QuietAsync(broker, [database]);
        var before = await Sql.TableCountsAsync(database);

        var failures = new List<string>();
        var sent = 0;
        foreach (var template in Templates(service))
        foreach (var (name, contentType, body) in Corpus(template))
        {
            using var request = new HttpRequestMessage(new HttpMethod(template.Method), template.Path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            request.Headers.Authorization = new("Bearer", template.Token);
            // Every other request asks for Chinese, as the console does.
            var chinese = sent % 2 == 0;
            if (chinese) request.Headers.AcceptLanguage.ParseAdd("zh-CN");
            using var response = await client.SendAsync(request);
            sent++;
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status is < 400 or >= 500) failures.Add($"{template.Path} — {name}: {status} {Shorten(text)}");
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{template.Path} — {name}: {status} without problem details");
            else if (ProblemWording.Faults(JsonNode.Parse(text)!.AsObject(), chinese) is { Count: > 0 } faults)
                failures.Add($"{template.Path} — {name}: {string.Join("; ", faults)} in {Shorten(text)}");
        }
        foreach (var (method, path, token) in Probes(service))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Authorization = new("Bearer", token);
            using var response = await client.SendAsync(request);
            sent++;
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500) failures.Add($"{method} {path}: {status} {Shorten(await response.Content.ReadAsStringAsync())}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent}:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(sent >= 200, $"only {sent} requests for {service}");
        Assert.Equal(before, await Sql.TableCountsAsync(database));
    }

    static string Shorten(string s) => s.Length > 200 ? s[..200] : s;
}
