using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>公开 means published: every read endpoint of every service (from the services' own API
/// documents, so a new one is walked without being listed) is called without signing in, through the
/// gateway. Those that answer are exactly the reform's public lists (the catalogue, the agencies, the
/// calendar, the registry, the published plan, the tolerance list, the rankings, the draws, the gate's
/// verification), and each answers only the fields of its row in <see cref="Public"/>: no risk level, no
/// quiet period or its reason, no one's account, nothing an enterprise did not choose to make public.</summary>
[Collection(PlatformCollection.Name)]
public sealed class The_public_sees_what_is_published(PlatformFixture platform)
{
    /// <summary>Each public endpoint and every field (JSON path, arrays as []) its answer may hold.</summary>
    static readonly Dictionary<string, string[]> Public = new()
    {
        // The enforcement agencies with their inspectors: 行政执法公示 publishes who may inspect, with certificate numbers.
        ["/api/planning/agencies"] = ["[].code", "[].name", "[].teamsPerDay", "[].yearlyVisitCapPerEnterprise", "[].inspectors[].certificateNo", "[].inspectors[].name",
            "[].inspectors[].validFrom", "[].inspectors[].validUntil"],
        ["/api/planning/agencies/{code}"] = ["code", "name", "teamsPerDay", "yearlyVisitCapPerEnterprise", "inspectors[].certificateNo", "inspectors[].name",
            "inspectors[].validFrom", "inspectors[].validUntil"],
        ["/api/planning/matters"] = Matter("[]."),
        ["/api/planning/matters/{code}/versions"] = Matter("[]."),
        ["/api/planning/calendar/{year}"] = ["year", "version", "changedAt", "holidays[]", "makeUpWorkdays[]"],
        // The registry: that an enterprise is in the park, where and in what trade; never its risk level or quiet periods.
        ["/api/planning/enterprises"] = ["[].creditCode", "[].name", "[].zone", "[].industry"],
        ["/api/planning/enterprises/{creditCode}"] = ["creditCode", "name", "zone", "industry"],
        // The published plan, as the office posts it: visits by day, enterprise, agencies and matters, with the figures.
        ["/api/planning/periods/{period}/plan"] = ["period", "publishedAt", "publicDetail",
            .. new[] { "declaredItems", "declaredVisits", "gap", "itemsAfterDedupe", "jointVisits", "lowerBound", "mergeableShareOfMatters", "reductionRate", "soloVisits", "unscheduled", "visits",
                "cancelledItems", "reductionByMerging", "reductionByCancelling" }.Select(f => "figures." + f),
            .. new[] { "no", "jointId", "creditCode", "enterpriseName", "day", "month", "kind", "leadAgency", "leadAgencyName", "agencies[]", "agencyNames[]", "matters[]", "matterNames[]",
                // A supplement's number, and why a visit no longer takes place (the enterprise left the park).
                "supplement", "changedBySupplement", "cancelledBecause" }.Select(f => "visits[]." + f)],
        // 双随机、一公开: every draw, its inputs and outcome, re-draws with their reasons, and the period's commitment.
        ["/api/planning/draws"] = Draw("[]."),
        ["/api/planning/draws/{id}"] = Draw(""),
        ["/api/planning/draws/{id}/check"] = ["reproduced", "seedFromCommitment", "verifiableFrom", "poolHash", "enterprises[]", "inspectors[].certificateNo", "inspectors[].name"],
        ["/api/planning/draws/commitments/{period}"] = ["period", "commitment", "publishedAt", "revealedFrom", "secret"],
        // What the filing form says, for whoever holds its code at the gate.
        ["/api/filing/verify/{code}"] = ["status", "filingNo", "enterpriseName", "leadAgency", "agencies[]", "inspectors[].name", "inspectors[].certificateNo", "matters[]", "windowStart", "windowEnd"],
        ["/api/tolerance/items"] = ["version", "status", "publishedAt", .. new[] { "code", "matterCode", "title", "legalBasis", "maxSeverity", "outcome", "rectification", "rectificationDays",
            "requiresNoHarm", "firstViolationWithinMonths", "source", "effectiveFrom", "effectiveTo" }.Select(f => "items[]." + f)],
        ["/api/tolerance/items/export"] = [],
        // 评议结果公示: each agency's place, sample and means, never a rating or who gave it.
        ["/api/supervision/rankings"] = Ranking("[]."),
        ["/api/supervision/rankings/{period}"] = Ranking(""),
        // The same published ranking as a spreadsheet (no JSON fields to check).
        ["/api/supervision/rankings/{period}/export"] = [],
    };

    static string[] Matter(string at) =>
        [.. new[] { "code", "agencyCode", "name", "category", "mergeable", "legalBasis", "yearlyCapPerEnterprise", "effectiveFrom", "effectiveTo", "version", "changedAt" }.Select(f => at + f)];

    static string[] Ranking(string at) =>
        [.. new[] { "period", "published", "minimumSample", "publishedAt", "method" }.Select(f => at + f),
            .. new[] { "agencyCode", "rank", "ratings", "mean", "adjustedMean", "low", "high" }.Select(f => at + "agencies[]." + f)];

    static string[] Draw(string at) =>
        [.. new[] { "id", "agencyCode", "period", "matterCodes[]", "number", "counts", "reason", "algorithmVersion", "seed", "poolHash", "pool[]", "enterprises[]",
            "inspectors[].certificateNo", "inspectors[].name", "recusals[].certificateNo", "recusals[].creditCode", "drawnAt" }.Select(f => at + f)];

    [Fact]
    public async Task Without_signing_in_only_the_published_lists_answer_and_only_with_their_published_fields()
    {
        var values = await SamplesAsync();
        var answered = new Dictionary<string, string>();
        var failures = new List<string>();
        // A period asked in the query is filled like the route's.
        foreach (var template in await ReadEndpoints.OfAsync(platform.Platform, name => name == "period"))
        {
            var key = Regex.Replace(template, @"\{([^}:]+):[^}]+\}", "{$1}").Split('?')[0];
            var path = Regex.Replace(template, @"\{([^}:]+)(:[^}]+)?\}", m =>
                values.TryGetValue($"{key}|{m.Groups[1].Value}", out var own) || values.TryGetValue(m.Groups[1].Value, out own) ? Uri.EscapeDataString(own) : "X1");
            using var response = await platform.Client.GetAsync(path);
            if (response.StatusCode is HttpStatusCode.Unauthorized) continue;
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{path}: {(int)response.StatusCode} without signing in (a public sample should answer, a private endpoint 401)");
                continue;
            }
            answered[key] = path;
            if (!Public.TryGetValue(key, out var allowed)) { failures.Add($"{key} answers anyone, but is no published list"); continue; }
            if (response.Content.Headers.ContentType?.MediaType != "application/json") continue;
            var fields = new SortedSet<string>(StringComparer.Ordinal);
            Collect(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, "", fields);
            foreach (var field in fields.Where(f => !allowed.Contains(f)))
                failures.Add($"{key} shows anyone {field}");
        }
        foreach (var key in Public.Keys.Where(k => !answered.ContainsKey(k)))
            failures.Add($"{key} is a published list, but did not answer without signing in");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Leaf paths of a JSON answer: <c>[].quietPeriods[].reason</c>.</summary>
    static void Collect(JsonElement node, string path, ISet<string> fields)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject()) Collect(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", fields);
                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray()) Collect(item, path + "[]", fields);
                break;
            default:
                fields.Add(path);
                break;
        }
    }

    /// <summary>Values that make each public endpoint answer: a year, a registered enterprise, a matter, a
    /// plan published for a quarter of its own (the demo's quarter is the console journey's to publish), a
    /// draw an agency made, a filing's verification code, a ranking of a quarter that is over.</summary>
    async Task<Dictionary<string, string>> SamplesAsync()
    {
        // A draw's quarter far ahead, so that it is never over while this runs.
        const string Quarter = "2027-Q1", Over = "2026-Q3", Drawn = "2030-Q1";
        var office = platform.Forge(TestIdentity.ClaimsOf("office"), DateTime.UtcNow.AddMinutes(30));
        var agency = platform.Forge(TestIdentity.ClaimsOf("agency:YJ"), DateTime.UtcNow.AddMinutes(30));
        var enterprise = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/enterprises")).RootElement[0].GetProperty("creditCode").GetString()!;
        var matter = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/matters")).RootElement.EnumerateArray()
            .First(m => m.GetProperty("agencyCode").GetString() == "YJ").GetProperty("code").GetString()!;

        if (!(await platform.Client.GetAsync($"/api/planning/periods/{Quarter}/plan")).IsSuccessStatusCode)
        {
            await SendAsync(HttpMethod.Post, "/api/planning/declarations", agency, new
            {
                period = Quarter, matterCodes = new[] { matter }, creditCodes = new[] { enterprise }, windowFrom = "2027-01-11", windowTo = "2027-03-26",
                mandateLevel = "County", category = "Routine", method = "现场检查",
            });
            var run = JsonDocument.Parse(await SendAsync(HttpMethod.Post, $"/api/planning/periods/{Quarter}/consolidations", office, new { })).RootElement;
            await SendAsync(HttpMethod.Post, $"/api/planning/periods/{Quarter}/consolidations/{run.GetProperty("summary").GetProperty("id").GetString()}/publish", office, null);
        }
        await SendAsync(HttpMethod.Post, "/api/planning/draws/commitments", office, new { period = Drawn }, HttpStatusCode.Conflict);
        var draw = JsonDocument.Parse(await SendAsync(HttpMethod.Post, "/api/planning/draws", agency,
            new { period = Drawn, matterCodes = new[] { matter }, reason = "公开抽取样例", enterpriseCount = 1, inspectorCount = 2 })).RootElement;
        await SendAsync(HttpMethod.Post, $"/api/supervision/rankings/{Over}/publish", office, null, HttpStatusCode.Conflict);

        // Filing checks the inspectors against planning's rosters, which reach it through the broker.
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "agency_rosters", "agency_code = 'YJ' AND inspectors <> '[]'::jsonb"), n => n == 1, "filing knows YJ's roster");
        var start = DateTimeOffset.UtcNow.AddDays(2);
        var filing = JsonDocument.Parse(await SendAsync(HttpMethod.Post, "/api/filing/filings", agency, new
        {
            unplannedReason = "群众举报，需现场核查", creditCode = enterprise, matterCodes = new[] { matter },
            inspectors = DemoRoster.Two("YJ"),
            windowStart = start, windowEnd = start.AddHours(2),
        })).RootElement;
        return new()
        {
            ["year"] = "2026", ["creditCode"] = enterprise, ["id"] = draw.GetProperty("id").GetString()!,
            ["/api/planning/matters/{code}/versions|code"] = matter,
            ["/api/planning/agencies/{code}|code"] = "YJ",
            ["/api/planning/periods/{period}/plan|period"] = Quarter,
            ["/api/planning/draws/commitments/{period}|period"] = Drawn,
            ["/api/planning/draws|period"] = Drawn,
            ["/api/supervision/rankings/{period}|period"] = Over,
            ["/api/supervision/rankings/{period}/export|period"] = Over,
            ["/api/filing/verify/{code}|code"] = filing.GetProperty("verificationCode").GetString()!,
        };
    }

    /// <summary>Sends and expects success, or <paramref name="alsoFine"/> (a sample another test made already).</summary>
    async Task<string> SendAsync(HttpMethod method, string path, string token, object? body, HttpStatusCode? alsoFine = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await platform.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == alsoFine, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
