using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>The authorization matrix's other half, across the whole platform through the gateway: agency
/// YJ and enterprises E1 and E3 leave text of their own in every service (a filing's reason, a finding, a
/// rating's comment, a supervision card, a refusal report), each with a unique marker; then every read
/// endpoint of every service — enumerated from the services' own API documents, so a new endpoint is
/// walked without being listed — is called by each role and by other agencies and enterprises. No
/// marker reaches a caller it does not belong to; wherever an agency or the leader sees a card, a report
/// or a rating, its author is not named with it, nor the day the card gives; officials read a card's
/// own words and the code shown at a refusal nowhere, only what the office forwards; and each owner does
/// find its own marker somewhere (so the search would see a leak).</summary>
[Collection(PlatformCollection.Name)]
public sealed class No_caller_reads_what_is_not_theirs(PlatformFixture platform)
{
    /// <summary>Route and query values: the owners' records, the current year and quarter (China time, as
    /// the services count periods); a value nobody owns stands in for the rest.</summary>
    readonly Dictionary<string, string> _routeValues = ThisPeriod();

    static Dictionary<string, string> ThisPeriod()
    {
        var today = DateTime.UtcNow.AddHours(8);
        return new() { ["year"] = today.Year.ToString(), ["period"] = $"{today.Year}-Q{(today.Month + 2) / 3}" };
    }

    [Fact]
    public async Task Every_read_endpoint_keeps_each_owners_records_from_other_agencies_and_enterprises()
    {
        var park = await ParkAsync();
        var (e1, e2, e3) = (park[0], park[1], park[2]);
        var marker = Guid.NewGuid().ToString("N")[..8];
        // ASCII, so it is found in any answer however its text is escaped.
        string Mark(string what) => $"LEAKPROBE-{what}-{marker}";

        // Agency YJ files at E1, inspects with a finding; E1 rates it; E3 reports YJ on a card about a day nine days ago, which
        // the office forwards; E1 reports ZF's visit refused, at which a code was shown.
        var cardDay = DateTime.UtcNow.AddHours(8).AddDays(-9).ToString("yyyy-MM-dd");
        var filingNo = await FileAndCompleteAsync(e1.Code, Mark("filing"), Mark("finding"));
        await Eventually.Until(() => ReadAsync("/api/supervision/evaluations/pending", Token($"enterprise:{e1.Code}")), t => t.Contains(filingNo), "the completed inspection can be rated");
        await WriteAsync("/api/supervision/evaluations", Token($"enterprise:{e1.Code}"), new { filingNo, procedure = 5, efficiency = 4, attitude = 5, integrity = 5, comment = Mark("rating") });
        await WriteAsync("/api/supervision/cards", Token($"enterprise:{e3.Code}"),
            new { type = "Misconduct", agencyCode = "YJ", description = Mark("card"), occurredOn = cardDay, consentToDisclose = false });
        await WriteAsync("/api/filing/refusals", Token($"enterprise:{e1.Code}"),
            new { agencyCode = "ZF", codeShown = Mark("code"), description = Mark("refusal"), occurredAt = DateTimeOffset.UtcNow.AddMinutes(-30) });
        await Eventually.Until(() => ReadAsync("/api/supervision/cases", Token("office")), t => t.Contains(Mark("refusal")), "the refusal became a case");
        _routeValues["filingNo"] = filingNo;
        _routeValues["creditCode"] = e1.Code;
        _routeValues["id"] = (await CaseOfAsync(Mark("card"))).ToString();
        await WriteAsync($"/api/supervision/cases/{_routeValues["id"]}/send-for-sign-off", Token("office"), new { forwardedSummary = Mark("forwarded") });

        // Who may read each marked record, who must find it, and who must never learn its author.
        var records = new[]
        {
            new Record(Mark("filing"), MayRead: ["office", "leader", "discipline", "agency:YJ", $"enterprise:{e1.Code}"], MustFind: ["office", "agency:YJ", $"enterprise:{e1.Code}"]),
            // The filing's number travels to every service (the read models, the ledger, decisions, ratings).
            new Record(filingNo, MayRead: ["office", "leader", "discipline", "agency:YJ", $"enterprise:{e1.Code}"], MustFind: ["office", "agency:YJ", $"enterprise:{e1.Code}"]),
            // No read endpoint shows a finding's text (counts only): it must stay that way for outsiders.
            new Record(Mark("finding"), MayRead: ["office", "leader", "discipline", "agency:YJ", $"enterprise:{e1.Code}"], MustFind: []),
            new Record(Mark("rating"), MayRead: ["office", "leader", "discipline", "agency:YJ", $"enterprise:{e1.Code}"], MustFind: [$"enterprise:{e1.Code}"],
                Author: e1, AuthorHiddenFrom: ["agency:YJ", "leader"]),
            // A card's own words, and a refusal's with the code shown, are the submitter's: officials read what the office forwards.
            new Record(Mark("card"), MayRead: ["office", "discipline", $"enterprise:{e3.Code}"], MustFind: ["office", "discipline", $"enterprise:{e3.Code}"]),
            new Record(Mark("forwarded"), MayRead: ["office", "leader", "discipline", "agency:YJ"], MustFind: ["office", "discipline", "leader", "agency:YJ"],
                Author: e3, AuthorHiddenFrom: ["agency:YJ", "leader"], Dated: cardDay),
            new Record(Mark("refusal"), MayRead: ["office", "discipline", $"enterprise:{e1.Code}"], MustFind: ["office", $"enterprise:{e1.Code}"]),
            new Record(Mark("code"), MayRead: ["office", "discipline", $"enterprise:{e1.Code}"], MustFind: ["office", $"enterprise:{e1.Code}"]),
        };
        var callers = new[] { "office", "leader", "discipline", "agency:YJ", "agency:SJ", "agency:ZF", $"enterprise:{e1.Code}", $"enterprise:{e2.Code}", $"enterprise:{e3.Code}" };

        var endpoints = await ReadEndpoints.OfAsync(platform.Platform, _routeValues.ContainsKey);
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} read endpoints found in the API documents");
        var found = records.ToDictionary(r => r.Marker, _ => new HashSet<string>());
        var datedFor = new HashSet<string>();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        foreach (var caller in callers)
        {
            var path = Fill(endpoint);
            using var response = await SendAsync(HttpMethod.Get, path, Token(caller), null);
            var text = await response.Content.ReadAsStringAsync();
            // A refusal may name what was asked for ("no filing BA2026-YJ-00001 that you may see").
            if (!response.IsSuccessStatusCode)
                foreach (var asked in _routeValues.Values.Where(path.Contains)) text = text.Replace(asked, "");
            if ((int)response.StatusCode >= 500) failures.Add($"GET {path} as {caller}: {(int)response.StatusCode}");
            foreach (var record in records.Where(r => text.Contains(r.Marker)))
            {
                found[record.Marker].Add(caller);
                if (!record.MayRead.Contains(caller)) failures.Add($"GET {path} as {caller}: shows {record.Marker}, which is not its to read");
                else if (record.Author is { } author && record.AuthorHiddenFrom?.Contains(caller) == true && NamesAuthorWith(text, record.Marker, author))
                    failures.Add($"GET {path} as {caller}: names {author.Code} ({author.Name}) with {record.Marker}");
                if (record.Dated is { } day && CarriesWith(text, record.Marker, day))
                {
                    datedFor.Add(caller);
                    if (record.AuthorHiddenFrom?.Contains(caller) == true) failures.Add($"GET {path} as {caller}: dates {record.Marker} to the card's day {day}");
                }
            }
        }
        foreach (var record in records)
            foreach (var owner in record.MustFind.Where(o => !found[record.Marker].Contains(o)))
                failures.Add($"{owner} found {record.Marker} nowhere (a read endpoint should show it its own record)");
        // The office reads the card's day beside what it forwarded: the search for the day would see it.
        if (!datedFor.Contains("office")) failures.Add($"the office found the card's day {cardDay} nowhere with {Mark("forwarded")}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    sealed record Enterprise(string Code, string Name);

    /// <summary>A marked record: who may read it, who must find it, whose it is and whom that is hidden
    /// from, and the day it points at, which those must not read with it either.</summary>
    sealed record Record(string Marker, string[] MayRead, string[] MustFind, Enterprise? Author = null, string[]? AuthorHiddenFrom = null, string? Dated = null);

    /// <summary>Whether an item of the answer (an element of a list, or the whole object) that carries
    /// <paramref name="marker"/> also carries the author's credit code or name.</summary>
    static bool NamesAuthorWith(string json, string marker, Enterprise author) => CarriesWith(json, marker, author.Code, author.Name);

    /// <summary>Whether an item of the answer that carries <paramref name="marker"/> also carries one of <paramref name="values"/>.</summary>
    static bool CarriesWith(string json, string marker, params string[] values)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException) { return values.Any(json.Contains); }
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        return items.Select(i => Texts(i).ToList())
            .Any(texts => texts.Any(t => t.Contains(marker)) && texts.Any(t => values.Any(t.Contains)));
    }

    /// <summary>Every string of a JSON value (unescaped), at any depth.</summary>
    static IEnumerable<string> Texts(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Texts),
        JsonValueKind.Object => value.EnumerateObject().SelectMany(p => Texts(p.Value)),
        _ => [],
    };

    string Fill(string template) => Regex.Replace(template, @"\{([^}:]+)(:[^}]+)?\}", m =>
        _routeValues.TryGetValue(m.Groups[1].Value, out var value) ? Uri.EscapeDataString(value) : "X1");

    async Task<List<Enterprise>> ParkAsync()
    {
        var enterprises = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/enterprises")).RootElement.EnumerateArray()
            .Select(e => new Enterprise(e.GetProperty("creditCode").GetString()!, e.GetProperty("name").GetString()!)).ToList();
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "enterprises"), n => n >= enterprises.Count, "filing knows the park");
        // The last ones: the fewest other tests' records.
        return [.. enterprises.TakeLast(3)];
    }

    async Task<string> FileAndCompleteAsync(string creditCode, string reason, string finding)
    {
        var matter = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/matters")).RootElement.EnumerateArray()
            .Where(m => m.GetProperty("agencyCode").GetString() == "YJ")
            .OrderByDescending(m => m.TryGetProperty("yearlyCapPerEnterprise", out var cap) && cap.ValueKind == JsonValueKind.Number && cap.GetInt32() > 0 ? cap.GetInt32() : int.MaxValue)
            .First().GetProperty("code").GetString()!;
        // Filing checks the inspectors against planning's rosters, which reach it through the broker.
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "agency_rosters", "agency_code = 'YJ' AND inspectors <> '[]'::jsonb"), n => n == 1, "filing knows YJ's roster");
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var filing = await WriteAsync("/api/filing/filings", Token("agency:YJ"), new
        {
            unplannedReason = reason, creditCode, matterCodes = new[] { matter },
            inspectors = new[] { new { name = "张杰", certificateNo = "33018301001", agencyCode = "YJ" }, new { name = "刘娟", certificateNo = "33018301002", agencyCode = "YJ" } },
            windowStart = start, windowEnd = start.AddHours(2),
        });
        var filingNo = filing.GetProperty("filingNo").GetString()!;
        await FiledWindows.OpenAsync(platform.Platform.Databases["filing"], filingNo);
        await WriteAsync($"/api/filing/filings/{filingNo}/start", Token("agency:YJ"), new { });
        await WriteAsync($"/api/filing/filings/{filingNo}/complete", Token("agency:YJ"), new
        {
            findings = new[] { new { matterCode = matter, description = finding, severity = 1, rectifiedOnTheSpot = true, harmCaused = false } },
        });
        return filingNo;
    }

    /// <summary>The case a card became, found by the card's text.</summary>
    async Task<Guid> CaseOfAsync(string description)
    {
        var cases = JsonDocument.Parse(await ReadAsync("/api/supervision/cases", Token("office"))).RootElement.GetProperty("items").EnumerateArray();
        return cases.First(c => c.GetProperty("description").GetString()!.Contains(description)).GetProperty("id").GetGuid();
    }

    async Task<string> ReadAsync(string path, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, path, token, null);
        return await response.Content.ReadAsStringAsync();
    }

    async Task<JsonElement> WriteAsync(string path, string token, object body)
    {
        using var response = await SendAsync(HttpMethod.Post, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await platform.Client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.TooManyRequests ? throw new InvalidOperationException($"{method} {path}: rate-limited") : response;
    }

    /// <summary>A caller as the tests write it ("office", "agency:YJ", "enterprise:CODE"), with a token of
    /// the gateway's own key.</summary>
    string Token(string caller) => platform.Forge(TestIdentity.ClaimsOf(caller), DateTime.UtcNow.AddMinutes(30));
}
