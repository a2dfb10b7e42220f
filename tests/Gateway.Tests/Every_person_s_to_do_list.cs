using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>待办: each person's to-do list at <c>/api/todo</c>, merged by the gateway from every service's
/// part. An action by one role puts an item on another's list; doing it takes the item off, computed from
/// the state it changed. A service that does not answer leaves its part out and the list says so. The
/// console opens on the list for every role.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Every_person_s_to_do_list(PlatformFixture platform) : IAsyncLifetime
{
    /// <summary>A quarter of its own, far enough ahead that no other test plans it, inside the fixture's
    /// look-ahead (Todo:ComingDays) so its visits are on the lists already.</summary>
    const string Quarter = "2027-Q4";
    const string Enterprise = "91330183MA2100002Q";
    Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();
    public async Task DisposeAsync() => await _browser.DisposeAsync();

    string Token(string caller) => platform.Forge(TestIdentity.ClaimsOf(caller), DateTime.UtcNow.AddMinutes(30));

    async Task<JsonElement> TodoAsync(string caller, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/todo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(caller));
        using var response = await (client ?? platform.Client).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/todo as {caller}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    static JsonElement? Item(JsonElement list, string kind, string reference) =>
        list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == kind && i.GetProperty("reference").GetString() == reference)
            .Select(i => (JsonElement?)i).FirstOrDefault();

    /// <summary>Waits until <paramref name="caller"/>'s list has (or no longer has) the item: some items arrive through the broker.</summary>
    async Task<JsonElement?> ListedAsync(string caller, string kind, string reference, bool listed = true) =>
        await Eventually.Until(async () => Item(await TodoAsync(caller), kind, reference), i => i.HasValue == listed,
            $"{caller}'s to-do list {(listed ? "has" : "no longer has")} {kind} {reference}");

    async Task<JsonElement> SendAsync(HttpMethod method, string path, string caller, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(caller));
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await platform.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} as {caller}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    async Task<string> MatterOfAsync(string agency) =>
        JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/matters")).RootElement.EnumerateArray()
            .First(m => m.GetProperty("agencyCode").GetString() == agency).GetProperty("code").GetString()!;

    [Fact]
    public async Task A_declaration_puts_consolidating_then_publishing_on_the_office_s_list_and_the_published_visit_on_the_lead_agency_s_until_it_is_filed()
    {
        const string agency = "XF";
        await SendAsync(HttpMethod.Post, "/api/planning/declarations", $"agency:{agency}", new
        {
            period = Quarter, matterCodes = new[] { await MatterOfAsync(agency) }, creditCodes = new[] { Enterprise }, windowFrom = "2027-10-11", windowTo = "2027-11-12",
            mandateLevel = "County", category = "Routine", method = "现场检查",
        });
        var consolidate = await ListedAsync("office", "plan.consolidate", Quarter);
        Assert.Equal($"#/consolidation/{Quarter}", consolidate!.Value.GetProperty("link").GetString());
        Assert.Equal("2027-10-01", consolidate.Value.GetProperty("dueOn").GetString());
        Assert.Equal("planning", consolidate.Value.GetProperty("service").GetString());

        var run = await SendAsync(HttpMethod.Post, $"/api/planning/periods/{Quarter}/consolidations", "office", new { });
        var runId = run.GetProperty("summary").GetProperty("id").GetString();
        var after = await TodoAsync("office");
        Assert.Null(Item(after, "plan.consolidate", Quarter));
        Assert.Equal($"#/run/{Quarter}/{runId}", Item(after, "plan.publish", Quarter)!.Value.GetProperty("link").GetString());

        await SendAsync(HttpMethod.Post, $"/api/planning/periods/{Quarter}/consolidations/{runId}/publish", "office", null);
        Assert.Null(Item(await TodoAsync("office"), "plan.publish", Quarter));

        var visit = JsonDocument.Parse(await platform.Client.GetStringAsync($"/api/planning/periods/{Quarter}/plan")).RootElement.GetProperty("visits").EnumerateArray()
            .Single(v => v.GetProperty("leadAgency").GetString() == agency);
        var jointId = visit.GetProperty("jointId").GetString()!;
        var day = visit.GetProperty("day").GetString()!;
        var toFile = await ListedAsync($"agency:{agency}", "visit.file", jointId);
        Assert.Equal(day, toFile!.Value.GetProperty("dueOn").GetString());
        Assert.Equal($"#/file/{Uri.EscapeDataString(jointId)}", toFile.Value.GetProperty("link").GetString());
        Assert.Null(Item(await TodoAsync("agency:SJ"), "visit.file", jointId));

        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "agency_rosters", $"agency_code = '{agency}' AND inspectors <> '[]'::jsonb"),
            n => n == 1, "filing knows the agency's roster");
        var start = new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        await SendAsync(HttpMethod.Post, "/api/filing/filings", $"agency:{agency}", new
        {
            jointId, inspectors = DemoRoster.Two(agency), windowStart = start, windowEnd = start.AddHours(3),
        });
        Assert.Null(Item(await TodoAsync($"agency:{agency}"), "visit.file", jointId));
    }

    [Fact]
    public async Task An_inspection_filed_at_an_enterprise_is_on_its_list_until_it_starts_and_then_to_rate_until_it_is_rated()
    {
        const string agency = "SF";
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "agency_rosters", $"agency_code = '{agency}' AND inspectors <> '[]'::jsonb"),
            n => n == 1, "filing knows the agency's roster");
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var filing = await SendAsync(HttpMethod.Post, "/api/filing/filings", $"agency:{agency}", new
        {
            unplannedReason = "群众举报安全隐患，需现场核查", creditCode = Enterprise, matterCodes = new[] { await MatterOfAsync(agency) },
            inspectors = DemoRoster.Two(agency), windowStart = start, windowEnd = start.AddHours(2),
        });
        var filingNo = filing.GetProperty("filingNo").GetString()!;
        var coming = Item(await TodoAsync($"enterprise:{Enterprise}"), "inspection.coming", filingNo);
        Assert.Equal("#/verify", coming!.Value.GetProperty("link").GetString());
        Assert.Null(Item(await TodoAsync("enterprise:91330183MA2100003U"), "inspection.coming", filingNo));

        // The window opened in filing's database (the processes keep the machine's clock): it may start now.
        await FiledWindows.OpenAsync(platform.Platform.Databases["filing"], filingNo);
        await SendAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/start", $"agency:{agency}", null);
        Assert.Null(Item(await TodoAsync($"enterprise:{Enterprise}"), "inspection.coming", filingNo));

        await SendAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/complete", $"agency:{agency}", new { findings = Array.Empty<object>() });
        var rate = await ListedAsync($"enterprise:{Enterprise}", "inspection.rate", filingNo);
        Assert.Equal("supervision", rate!.Value.GetProperty("service").GetString());
        await SendAsync(HttpMethod.Post, "/api/supervision/evaluations", $"enterprise:{Enterprise}", new { filingNo, procedure = 5, efficiency = 4, attitude = 5, integrity = 5 });
        Assert.Null(Item(await TodoAsync($"enterprise:{Enterprise}"), "inspection.rate", filingNo));
    }

    [Fact]
    public async Task An_emergency_pre_filing_is_due_in_writing_on_the_agency_s_list_until_it_is_withdrawn()
    {
        const string agency = "HB";
        var now = DateTimeOffset.UtcNow;
        var emergency = await SendAsync(HttpMethod.Post, "/api/filing/emergency", $"agency:{agency}", new
        {
            creditCode = Enterprise, reason = "疑似危化品泄漏，需立即现场检查", approvedBy = "王副局长", approvedAt = now.AddMinutes(-10), expectedEndAt = now.AddHours(4),
        });
        var provisionalNo = emergency.GetProperty("provisionalNo").GetString()!;
        var due = Item(await TodoAsync($"agency:{agency}"), "emergency.backfill", provisionalNo);
        var deadline = emergency.GetProperty("backfillDeadline");
        if (deadline.ValueKind == JsonValueKind.String) Assert.Equal(deadline.GetString(), due!.Value.GetProperty("dueOn").GetString());
        Assert.Contains("5个工作日内", due!.Value.GetProperty("title").GetString());

        await SendAsync(HttpMethod.Post, $"/api/filing/emergency/{provisionalNo}/withdraw", $"agency:{agency}", new { reason = "险情已由消防处置，无需检查" });
        Assert.Null(Item(await TodoAsync($"agency:{agency}"), "emergency.backfill", provisionalNo));
    }

    [Fact]
    public async Task A_conditional_tolerance_decision_asks_the_agency_to_confirm_the_rectification_until_it_does()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var enterprise = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/enterprises")).RootElement[40].GetProperty("creditCode").GetString()!;
        var matters = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/matters")).RootElement.EnumerateArray()
            .ToDictionary(m => m.GetProperty("code").GetString()!, m => m.GetProperty("agencyCode").GetString()!);
        object Finding(string matter) => new { matterCode = matter, description = "灭火器压力不足", severity = 1, rectifiedOnTheSpot = false, rectificationDeadline = today.AddDays(1), harmCaused = false };
        // A matter whose list item tolerates a first minor fault rectified within days: what the list would decide, asked first.
        string? matter = null;
        foreach (var listed in JsonDocument.Parse(await platform.Client.GetStringAsync("/api/tolerance/items")).RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("rectification").GetString() == "WithinDays" && matters.ContainsKey(i.GetProperty("matterCode").GetString()!)))
        {
            var code = listed.GetProperty("matterCode").GetString()!;
            var decision = await SendAsync(HttpMethod.Post, "/api/tolerance/evaluations", $"agency:{matters[code]}", new
            {
                creditCode = enterprise, matterCode = code, foundOn = today, severity = 1, rectifiedOnTheSpot = false, rectificationDeadline = today.AddDays(1), harmCaused = false,
            });
            if (decision.GetProperty("kind").GetString() == "ConditionallyTolerated") { matter = code; break; }
        }
        Assert.NotNull(matter);
        var agency = matters[matter];
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "agency_rosters", $"agency_code = '{agency}' AND inspectors <> '[]'::jsonb"),
            n => n == 1, "filing knows the agency's roster");
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var filingNo = (await SendAsync(HttpMethod.Post, "/api/filing/filings", $"agency:{agency}", new
        {
            unplannedReason = "消防安全专项抽查", creditCode = enterprise, matterCodes = new[] { matter }, inspectors = DemoRoster.Two(agency),
            windowStart = start, windowEnd = start.AddHours(2),
        })).GetProperty("filingNo").GetString()!;
        await FiledWindows.OpenAsync(platform.Platform.Databases["filing"], filingNo);
        await SendAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/start", $"agency:{agency}", null);
        await SendAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/complete", $"agency:{agency}", new { findings = new[] { Finding(matter) } });

        // Tolerance proposes a decision on the finding when it hears of the completed inspection; the enterprise
        // states its case, the agency answers and its review confirms: only then is the rectification awaited.
        var proposal = await Eventually.Until(() => Sql.ScalarAsync<Guid?>(platform.Platform.Databases["tolerance"], "SELECT id FROM decisions WHERE filing_no = $1", filingNo),
            id => id is not null, "tolerance proposes a decision");
        foreach (var (step, caller) in new[] { ("statement", $"enterprise:{enterprise}"), ("answer", $"agency:{agency}"), ("confirm", $"agency:{agency}") })
            await SendAsync(HttpMethod.Post, $"/api/tolerance/decisions/{proposal}/{step}", caller, new { text = "情况属实，依程序办理" });
        var item = await Eventually.Until(async () => (await TodoAsync($"agency:{agency}")).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "decision.rectification" && i.GetProperty("title").GetString()!.Contains(filingNo))
            .Select(i => (JsonElement?)i).FirstOrDefault(), i => i.HasValue, "the agency is asked to confirm the rectification");
        Assert.Equal(today.AddDays(1).ToString("yyyy-MM-dd"), item!.Value.GetProperty("dueOn").GetString());
        Assert.Equal("tolerance", item.Value.GetProperty("service").GetString());
        var decisionId = item.Value.GetProperty("reference").GetString()!;
        await SendAsync(HttpMethod.Post, $"/api/tolerance/decisions/{decisionId}/rectified", $"agency:{agency}", null);
        Assert.Null(Item(await TodoAsync($"agency:{agency}"), "decision.rectification", decisionId));
    }

    [Fact]
    public async Task A_card_s_case_moves_from_list_to_list_as_each_role_takes_its_step()
    {
        const string unit = "JT";
        var opened = await SendAsync(HttpMethod.Post, "/api/supervision/cards", $"enterprise:{Enterprise}", new
        {
            type = "ReasonableDemand", description = "希望合并同一周内的多次检查，减少对生产的影响",
        });
        var id = opened.GetProperty("id").GetString()!;
        var caseNo = opened.GetProperty("caseNo").GetString()!;
        async Task StepAsync(string caller, string step, object body, string kindBefore, string? kindAfter, string? nextCaller)
        {
            Assert.NotNull(Item(await TodoAsync(caller), kindBefore, caseNo));
            await SendAsync(HttpMethod.Post, $"/api/supervision/cases/{id}/{step}", caller, body);
            Assert.Null(Item(await TodoAsync(caller), kindBefore, caseNo));
            if (kindAfter is not null) Assert.Equal($"#/case/{id}", Item(await TodoAsync(nextCaller!), kindAfter, caseNo)!.Value.GetProperty("link").GetString());
        }

        await StepAsync("office", "send-for-sign-off", new { forwardedSummary = "企业反映检查频次较高，建议合并检查" }, "case.sign-off", "case.instruct", "leader");
        Assert.Null(Item(await TodoAsync("discipline"), "case.instruct", caseNo));
        await StepAsync("leader", "instruct", new { note = "请营商办督促相关单位合并检查" }, "case.instruct", "case.assign", "office");
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(20);
        await StepAsync("office", "assign", new { assignedTo = unit, deadline }, "case.assign", "case.progress", $"agency:{unit}");
        Assert.Null(Item(await TodoAsync("agency:SJ"), "case.progress", caseNo));
        await StepAsync($"agency:{unit}", "resolve", new { note = "已与相关单位协调，合并为一次联合检查" }, "case.progress", "card.answer", $"enterprise:{Enterprise}");
        Assert.NotNull(Item(await TodoAsync("discipline"), "case.verify", caseNo));
        await StepAsync("discipline", "verify", new { note = "经回访核实，已合并检查" }, "case.verify", null, null);
        Assert.Null(Item(await TodoAsync($"enterprise:{Enterprise}"), "card.answer", caseNo));
    }

    [Fact]
    public async Task A_service_that_does_not_answer_leaves_its_part_out_and_the_list_says_so()
    {
        await using var gateway = await ExtraGateway.StartAsync(platform, new Dictionary<string, string>
        {
            // Nothing listens there: the tolerance service is down for this gateway.
            ["ReverseProxy:Clusters:tolerance:Destinations:d1:Address"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}/",
        });
        using var client = gateway.CreateClient();
        var card = await SendAsync(HttpMethod.Post, "/api/supervision/cards", "enterprise:91330183MA2100003U", new
        {
            type = "ReasonableDemand", description = "希望提前告知检查时间，便于安排人员",
        });
        var list = await TodoAsync("office", client);
        Assert.Equal("tolerance", Assert.Single(list.GetProperty("missing").EnumerateArray()).GetProperty("service").GetString());
        Assert.NotNull(Item(list, "case.sign-off", card.GetProperty("caseNo").GetString()!));
    }

    [Fact]
    public async Task The_to_do_list_needs_a_signed_in_caller()
    {
        using var response = await platform.Client.GetAsync("/api/todo");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Every_role_lands_on_its_to_do_list_after_signing_in_with_no_serious_accessibility_violation()
    {
        var violations = new List<string>();
        foreach (var user in new[] { "office", "yj-staff", "qiye1", "leader", "discipline", "admin" })
        {
            var page = await _browser.SignInAsync(platform.Platform.Address, user);
            await Assertions.Expect(page.Locator("nav a[aria-current='page']")).ToHaveAttributeAsync("href", "#/todo");
            await Assertions.Expect(page.Locator("#main h1")).ToHaveTextAsync("待办");
            await Assertions.Expect(page.Locator("#main h1")).ToBeFocusedAsync();
            await Assertions.Expect(page.GetByTestId("todo").Or(page.GetByTestId("todo-empty"))).ToBeVisibleAsync();
            // Every item is a link to the console's page where it is done.
            foreach (var link in await page.GetByTestId("todo").Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
                Assert.StartsWith("#/", link);
            violations.AddRange((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{user}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target))}"));
            await Browser.ShotAsync(page, $"todo-{user}");
            await page.Context.CloseAsync();
        }
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
