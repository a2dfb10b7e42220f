using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>留痕 walked: one reform cycle through every write endpoint of every service, in the order
/// the office, the agencies, the enterprises, the leader and the task force use them. After each
/// call its audit entry is read back (who, role, client, the request); at the end no endpoint that
/// writes was left out (enumerated from the services' endpoints, so a new one fails this test until it
/// is walked) and no row in any service was written without a trail.</summary>
public sealed class Every_write_endpoint_is_walked(FourServices services) : IClassFixture<FourServices>
{
    /// <summary>Write methods that record nothing, by design.</summary>
    static readonly Dictionary<string, string> RecordNothing = new()
    {
        ["POST /api/tolerance/evaluations"] = "a what-if: what the list would decide, nothing recorded",
    };

    readonly Dictionary<string, string> _databases = services.Databases;
    readonly Dictionary<string, HttpClient> _clients = services.Clients;
    readonly Dictionary<string, IServiceProvider> _services = services.Services;
    readonly HashSet<string> _walked = [];

    [Fact]
    public async Task Every_write_endpoint_records_who_when_and_through_which_client()
    {
        var office = TestIdentity.Office();
        var enterprises = (await GetAsync("planning", "/api/planning/enterprises", office)).EnumerateArray().Select(e => e.GetProperty("creditCode").GetString()!).ToList();
        var matters = (await GetAsync("planning", "/api/planning/matters", office)).EnumerateArray()
            .Where(m => m.GetProperty("mergeable").GetBoolean()).GroupBy(m => m.GetProperty("agencyCode").GetString()!).ToDictionary(g => g.Key, g => g.First().GetProperty("code").GetString()!);
        var (e1, e2) = (enterprises[0], enterprises[1]);

        // Planning: the registry, the roster and a draw, the catalog, the calendar, declarations, consolidation, review, publication.
        var newcomer = Demo.NewCreditCode();
        await WriteAsync("planning", "POST", "/api/planning/enterprises", null, "office", Demo.Enterprise(newcomer));
        await WriteAsync("planning", "PUT", "/api/planning/enterprises/{creditCode}", $"/api/planning/enterprises/{newcomer}", "office",
            new { name = "恒信精细化工有限公司", zone = "化工园区B区", industry = "化工", riskLevel = "Medium", quietPeriods = Array.Empty<object>() });
        await WriteAsync("planning", "POST", "/api/planning/agencies", null, "office", new
        {
            code = "LY", name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4,
            inspectors = new[] { new { certificateNo = "33018318001", name = "林森", validFrom = "2025-01-01", validUntil = "2029-12-31" } },
        });
        await WriteAsync("planning", "PUT", "/api/planning/agencies/{code}", "/api/planning/agencies/YJ", "office",
            new { inspectors = DemoRoster.Entries("YJ") });
        await WriteAsync("planning", "POST", "/api/planning/draws/commitments", null, "office", new { period = "2030-Q1" });
        await WriteAsync("planning", "POST", "/api/planning/draws", null, "agency:YJ", new { period = "2030-Q1", matterCodes = new[] { matters["YJ"] }, enterpriseCount = 2, inspectorCount = 2 });
        await WriteAsync("planning", "POST", "/api/planning/matters", null, "office", new
        {
            code = "YJ-W1", agencyCode = "YJ", name = "安全生产标准化", category = "Routine", mergeable = true, legalBasis = "《安全生产法》第二十一条",
            yearlyCapPerEnterprise = 4, effectiveFrom = "2027-01-01",
        });
        await WriteAsync("planning", "PUT", "/api/planning/calendar/{year:int}", "/api/planning/calendar/2028", "office", new { holidays = new[] { "2028-01-03" }, makeUpWorkdays = Array.Empty<string>() });
        await WriteAsync("planning", "POST", "/api/planning/declarations", null, "agency:YJ", new
        {
            period = "2027-Q1", agencyCode = "YJ", matterCodes = new[] { matters["YJ"] }, creditCodes = new[] { e1 }, windowFrom = "2027-02-01", windowTo = "2027-03-15",
            mandateLevel = "County", category = "Routine", method = "现场检查",
        });
        await WriteAsync("planning", "POST", "/api/planning/declarations/import", null, "agency:XF", Sheet(new Dictionary<string, object>
        {
            ["申报期间"] = "2027-Q1", ["检查事项编码"] = matters["XF"], ["统一社会信用代码"] = e1, ["开始日期"] = "2027-02-01", ["结束日期"] = "2027-03-15",
            ["任务来源"] = "县", ["检查类别"] = "日常检查", ["检查方式"] = "现场检查", ["配合单位"] = "",
        }));
        await WriteAsync("planning", "PUT", "/api/planning/periods/{period}/deadline", "/api/planning/periods/2027-Q1/deadline", "office", new { lastDay = "2027-03-31" });
        object Late(string from, string to) => new
        {
            period = "2027-Q1", matterCodes = new[] { matters["YJ"] }, creditCodes = new[] { e2 }, windowFrom = from, windowTo = to, mandateLevel = "County", category = "Routine", method = "现场检查",
        };
        var amended = (await WriteAsync("planning", "POST", "/api/planning/declarations", null, "agency:YJ", Late("2027-02-01", "2027-02-26"))).GetProperty("id").GetString();
        await WriteAsync("planning", "PUT", "/api/planning/declarations/{id}", $"/api/planning/declarations/{amended}", "agency:YJ", Late("2027-03-01", "2027-03-12"));
        await WriteAsync("planning", "POST", "/api/planning/periods/{period}/cancellations", "/api/planning/periods/2027-Q1/cancellations", "office",
            new { declarationId = amended, reason = "已由市局专项检查覆盖" });
        var withdrawn = (await WriteAsync("planning", "POST", "/api/planning/declarations", null, "agency:YJ", Late("2027-02-01", "2027-02-26"))).GetProperty("id").GetString();
        await WriteAsync("planning", "POST", "/api/planning/declarations/{id}/withdraw", $"/api/planning/declarations/{withdrawn}/withdraw", "agency:YJ", new { reason = "重复申报" });
        var run = await WriteAsync("planning", "POST", "/api/planning/periods/{period}/consolidations", "/api/planning/periods/2027-Q1/consolidations", "office", new { });
        var runId = run.GetProperty("summary").GetProperty("id").GetString();
        var joint = run.GetProperty("visits").EnumerateArray().Single(v => v.GetProperty("kind").GetString() == "Joint");
        var (visit, day) = (joint.GetProperty("visitId").GetString(), joint.GetProperty("day").GetString());
        var review = $"/api/planning/periods/2027-Q1/consolidations/{runId}/visits/{visit}";
        await WriteAsync("planning", "POST", "/api/planning/periods/{period}/consolidations/{id:guid}/visits/{visitId}/move", review + "/move", "office", new { day });
        await WriteAsync("planning", "POST", "/api/planning/periods/{period}/consolidations/{id:guid}/visits/{visitId}/split", review + "/split", "office", new { agencyCode = "XF" });
        await WriteAsync("planning", "POST", "/api/planning/periods/{period}/consolidations/{id:guid}/visits/{visitId}/pin", review + "/pin", "office", null);
        await WriteAsync("planning", "POST", "/api/planning/periods/{period}/consolidations/{id:guid}/publish", $"/api/planning/periods/2027-Q1/consolidations/{runId}/publish", "office", null);
        await WriteAsync("planning", "POST", "/api/planning/declarations", null, "agency:YJ", Late("2027-03-15", "2027-03-26"));
        var supplement = await WriteAsync("planning", "POST", "/api/planning/periods/{period}/supplements", "/api/planning/periods/2027-Q1/supplements", "office", null);
        await WriteAsync("planning", "POST", "/api/planning/periods/{period}/supplements/{id:guid}/publish",
            $"/api/planning/periods/2027-Q1/supplements/{supplement.GetProperty("summary").GetProperty("id").GetString()}/publish", "office", null);
        await WriteAsync("planning", "POST", "/api/planning/enterprises/{creditCode}/deregister", $"/api/planning/enterprises/{newcomer}/deregister", "office",
            new { leftOn = "2030-01-01", reason = "企业整体搬迁" });

        // Tolerance: the office edits, publishes and re-imports the list (its own export, as the office does).
        await WriteAsync("tolerance", "PUT", "/api/tolerance/items/draft", null, "office", new[]
        {
            new
            {
                code = "YJ-BQ-01", title = "安全台账轻微缺失限期改正", matterCode = matters["YJ"], outcome = "LighterPenalty", source = "County", legalBasis = "《安全生产违法行为从轻处罚清单》",
                firstViolationWithinMonths = 12, maxSeverity = 3, rectification = "WithinDays", rectificationDays = 7, requiresNoHarm = true, effectiveFrom = "2026-01-01",
            },
        });
        await WriteAsync("tolerance", "POST", "/api/tolerance/items/publish", null, "office", null);
        using (var export = await SendAsync("tolerance", HttpMethod.Get, "/api/tolerance/items/export", office, null))
            await WriteAsync("tolerance", "POST", "/api/tolerance/items/import", null, "office", Xlsx(await export.Content.ReadAsByteArrayAsync()));
        using (var whatIf = await SendAsync("tolerance", HttpMethod.Post, "/api/tolerance/evaluations", TestIdentity.Agency("YJ"),
            JsonContent.Create(new { creditCode = e2, matterCode = matters["YJ"], foundOn = "2026-11-20", severity = 1, rectifiedOnTheSpot = true, harmCaused = false })))
            Assert.True(whatIf.IsSuccessStatusCode, await whatIf.Content.ReadAsStringAsync());

        // Filing: an unplanned filing inspected with a finding; an emergency pre-filed, ended and filed in writing; a refusal.
        // The filing is made an hour before its window opens; then filing's clock moves into the window.
        var filingClock = services.FilingClock;
        filingClock.SetUtcNow(DateTimeOffset.UtcNow);
        var opens = filingClock.GetUtcNow().AddHours(1);
        var filing = await WriteAsync("filing", "POST", "/api/filing/filings", null, "agency:YJ", new
        {
            unplannedReason = "群众举报，需现场核查", creditCode = e2, matterCodes = new[] { matters["YJ"] }, windowStart = opens, windowEnd = opens.AddHours(2),
            inspectors = DemoRoster.Two("YJ"),
        });
        var filingNo = filing.GetProperty("filingNo").GetString();
        filingClock.SetUtcNow(opens.AddMinutes(1));
        await WriteAsync("filing", "POST", "/api/filing/filings/{filingNo}/start", $"/api/filing/filings/{filingNo}/start", "agency:YJ", null);
        await WriteAsync("filing", "POST", "/api/filing/filings/{filingNo}/complete", $"/api/filing/filings/{filingNo}/complete", "agency:YJ", new
        {
            findings = new object[]
            {
                new { matterCode = matters["YJ"], description = "安全培训台账缺两个月记录", severity = 2, rectifiedOnTheSpot = false, rectificationDeadline = DateTime.UtcNow.AddHours(8).AddDays(5).ToString("yyyy-MM-dd"), harmCaused = false },
                new { matterCode = matters["YJ"], description = "应急演练记录不全", severity = 1, rectifiedOnTheSpot = true, harmCaused = false },
            },
        });
        // An unplanned filing naming another agency, which confirms it takes part.
        var together = await WriteAsync("filing", "POST", "/api/filing/filings", null, "agency:YJ", new
        {
            unplannedReason = "群众举报，需联合核查", creditCode = e1, matterCodes = new[] { matters["YJ"] }, agencies = new[] { "SJ" },
            windowStart = opens.AddHours(3), windowEnd = opens.AddHours(5), inspectors = new[] { DemoRoster.Inspector("YJ", 1), DemoRoster.Inspector("SJ", 1) },
        });
        var togetherNo = together.GetProperty("filingNo").GetString();
        await WriteAsync("filing", "POST", "/api/filing/filings/{filingNo}/confirm", $"/api/filing/filings/{togetherNo}/confirm", "agency:SJ", null);
        // A filing moved to another day, then cancelled.
        var moved = await WriteAsync("filing", "POST", "/api/filing/filings", null, "agency:XF", new
        {
            unplannedReason = "消防设施专项复查", creditCode = e1, matterCodes = new[] { matters["XF"] }, windowStart = opens.AddDays(2), windowEnd = opens.AddDays(2).AddHours(2),
            inspectors = DemoRoster.Two("XF"),
        });
        var movedNo = moved.GetProperty("filingNo").GetString();
        await WriteAsync("filing", "POST", "/api/filing/filings/{filingNo}/reschedule", $"/api/filing/filings/{movedNo}/reschedule", "agency:XF",
            new { windowStart = opens.AddDays(3), windowEnd = opens.AddDays(3).AddHours(2), reason = "企业申请错开生产高峰" });
        await WriteAsync("filing", "POST", "/api/filing/filings/{filingNo}/cancel", $"/api/filing/filings/{movedNo}/cancel", "agency:XF", new { reason = "企业已主动整改，无需检查" });
        var mistaken = await WriteAsync("filing", "POST", "/api/filing/emergency", null, "agency:XF",
            new { creditCode = e1, reason = "火情报警紧急处置", approvedBy = "李副大队长", approvedAt = filingClock.GetUtcNow().AddMinutes(-5), expectedEndAt = filingClock.GetUtcNow().AddHours(2) });
        await WriteAsync("filing", "POST", "/api/filing/emergency/{provisionalNo}/withdraw", $"/api/filing/emergency/{mistaken.GetProperty("provisionalNo").GetString()}/withdraw", "agency:XF",
            new { reason = "误报，未实施检查" });
        var emergency = await WriteAsync("filing", "POST", "/api/filing/emergency", null, "agency:YJ",
            new { creditCode = e2, reason = "危化品泄漏紧急处置", approvedBy = "张副局长", approvedAt = DateTimeOffset.UtcNow.AddHours(-2), expectedEndAt = DateTimeOffset.UtcNow.AddHours(-1) });
        var provisional = emergency.GetProperty("provisionalNo").GetString();
        await WriteAsync("filing", "POST", "/api/filing/emergency/{provisionalNo}/end", $"/api/filing/emergency/{provisional}/end", "agency:YJ", new { endedAt = DateTimeOffset.UtcNow.AddHours(-1) });
        await WriteAsync("filing", "POST", "/api/filing/emergency/{provisionalNo}/backfill", $"/api/filing/emergency/{provisional}/backfill", "agency:YJ", new
        {
            matterCodes = new[] { matters["YJ"] }, findings = "泄漏已处置，无人员伤亡",
            inspectors = DemoRoster.Two("YJ"),
        });
        await WriteAsync("filing", "POST", "/api/filing/refusals", null, $"enterprise:{e2}",
            new { agencyCode = "SJ", description = "两人自称检查人员，未出示备案", occurredAt = DateTimeOffset.UtcNow.AddHours(-1) });

        // Tolerance proposed a decision on each finding: on the first the enterprise states its case, the agency answers and
        // its review confirms (conditional, so the agency then confirms the rectification); on the second the review departs.
        var proposals = await Eventually.Until(async () => (await GetAsync("tolerance", "/api/tolerance/decisions", TestIdentity.Agency("YJ"))).GetProperty("items").EnumerateArray()
            .Where(d => d.GetProperty("filingNo").GetString() == filingNo).OrderBy(d => d.GetProperty("findingIndex").GetInt32()).ToList(), l => l.Count == 2, "the findings are proposed");
        var decision = proposals[0];
        Assert.True(decision.GetProperty("kind").GetString() == "ConditionallyTolerated", decision.ToString());
        foreach (var (proposal, verdict, body) in new (JsonElement, string, object)[]
        {
            (proposals[0], "confirm", new { text = "事实清楚，同意拟定意见" }),
            (proposals[1], "depart", proposals[1].GetProperty("proposedKind").GetString() == "NotTolerated"
                ? new { kind = "Tolerated", outcome = (string?)"NoPenalty", reason = "首次轻微且当场改正" } : new { kind = "NotTolerated", outcome = (string?)null, reason = "情节不属轻微" }),
        })
        {
            var id = proposal.GetProperty("id").GetString();
            await WriteAsync("tolerance", "POST", "/api/tolerance/decisions/{id:guid}/statement", $"/api/tolerance/decisions/{id}/statement", $"enterprise:{e2}", new { text = "已当场说明情况" });
            await WriteAsync("tolerance", "POST", "/api/tolerance/decisions/{id:guid}/answer", $"/api/tolerance/decisions/{id}/answer", "agency:YJ", new { text = "意见已记录" });
            await WriteAsync("tolerance", "POST", $"/api/tolerance/decisions/{{id:guid}}/{verdict}", $"/api/tolerance/decisions/{id}/{verdict}", "agency:YJ", body);
        }
        // The second finding was recorded with the wrong severity: corrected, its decision is superseded by a new proposal.
        await WriteAsync("tolerance", "POST", "/api/tolerance/decisions/{id:guid}/supersede", $"/api/tolerance/decisions/{proposals[1].GetProperty("id").GetString()}/supersede", "agency:YJ",
            new { matterCode = matters["YJ"], severity = 4, rectifiedOnTheSpot = true, harmCaused = false, reason = "严重程度录入错误" },
            // The old decision leaves the finding's one standing place (a unique index) before the new one takes it.
            saves: 2);
        await WriteAsync("tolerance", "POST", "/api/tolerance/decisions/{id:guid}/rectified", $"/api/tolerance/decisions/{decision.GetProperty("id").GetString()}/rectified", "agency:YJ", null);

        // Supervision: the enterprise rates the inspection and submits cards; every step of a case; a ranking.
        await Eventually.Until(() => Sql.CountAsync(_databases["supervision"], "inspections", "filing_no = $1 AND completed_at IS NOT NULL", filingNo!), n => n == 1, "supervision knows the inspection");
        await WriteAsync("supervision", "POST", "/api/supervision/evaluations", null, $"enterprise:{e2}",
            new { filingNo, procedure = 5, efficiency = 4, attitude = 5, integrity = 5, comment = "检查规范，一次讲清问题" });
        var card = new { type = "Misconduct", agencyCode = "SJ", description = "检查人员暗示购买指定产品", occurredOn = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd") };
        await WriteAsync("supervision", "POST", "/api/supervision/cards", null, $"enterprise:{e2}", card);
        await WriteAsync("supervision", "POST", "/api/supervision/cards", null, $"enterprise:{e1}", card with { description = "检查人员态度恶劣" });
        var entered = await WriteAsync("supervision", "POST", "/api/supervision/cards/entered", null, "office",
            new { source = "FaceToFaceMeeting", creditCode = e1, type = "ReasonableDemand", description = "政企面对面会上企业提出希望合并季度检查" });
        var cases = (await GetAsync("supervision", "/api/supervision/cases", office)).GetProperty("items").EnumerateArray().Where(c => c.GetProperty("agencyCode").GetString() == "SJ")
            .Select(c => c.GetProperty("id").GetString()).ToList();
        var step = "/api/supervision/cases/{id:guid}/";
        var deadline = DateTime.UtcNow.AddHours(8).AddDays(14).ToString("yyyy-MM-dd");
        var (later, latest) = (DateTime.UtcNow.AddHours(8).AddDays(30).ToString("yyyy-MM-dd"), DateTime.UtcNow.AddHours(8).AddDays(60).ToString("yyyy-MM-dd"));
        foreach (var (action, caller, body) in new (string, string, object?)[]
        {
            ("send-for-sign-off", "office", new { forwardedSummary = "反映检查人员暗示购买指定产品，请核实处理" }), ("instruct", "leader", new { note = "请县市场监管局牵头核查，两周内办结" }),
            ("assign", "office", new { assignedTo = "SJ", deadline }), ("progress", "agency:SJ", new { note = "已约谈相关检查人员" }),
            ("request-extension", "agency:SJ", new { deadline = later, note = "需调取执法记录仪核实" }), ("grant-extension", "office", null),
            ("request-extension", "agency:SJ", new { deadline = latest, note = "涉事人员外出培训" }), ("refuse-extension", "office", new { note = "期限已足够" }),
            ("reassign", "office", new { assignedTo = "YJ", note = "涉事人员属应急管理局，改派" }), ("add-joint-unit", "office", new { assignedTo = "SJ", note = "请县市场监管局协办" }),
            ("progress", "agency:SJ", new { note = "协办：已提供检查记录" }), ("direct", "discipline", new { note = "请一周内办结" }),
            ("resolve", "agency:YJ", new { note = "情况属实，已诫勉谈话并向企业致歉" }), ("verify", "discipline", new { note = "核查属实，处理到位" }),
            ("call-back", "office", new { satisfied = true, note = "企业满意" }), ("close", "office", new { note = "办结归档" }),
            ("annotate", "discipline", new { note = "同类问题纳入作风专项整治" }), ("reopen", "discipline", new { note = "企业反映仍有类似情况" }),
        })
            await WriteAsync("supervision", "POST", step + action, $"/api/supervision/cases/{cases[0]}/{action}", caller, body);
        await WriteAsync("supervision", "POST", step + "reject", $"/api/supervision/cases/{cases[1]}/reject", "office", new { note = "不属于检查执法问题，已告知企业向12345反映" });
        var caseNo = (await GetAsync("supervision", $"/api/supervision/cases/{cases[0]}", office)).GetProperty("caseNo").GetString();
        await WriteAsync("supervision", "POST", step + "merge", $"/api/supervision/cases/{entered.GetProperty("id").GetString()}/merge", "office",
            new { intoCaseNo = caseNo, note = "与已立案的监督卡反映同一事项，合并办理" });
        await WriteAsync("supervision", "POST", "/api/supervision/rankings/{period}/publish", "/api/supervision/rankings/2026-Q3/publish", "office", null);

        // Nothing that writes was left out, and nothing was written without a trail.
        var writes = _services.SelectMany(s => s.Value.GetServices<EndpointDataSource>().SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE").Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}")))
            .ToHashSet();
        var notWalked = writes.Except(_walked).Except(RecordNothing.Keys).Order().ToList();
        Assert.True(notWalked.Count == 0, "Write endpoints not walked: " + string.Join("; ", notWalked));
        foreach (var (service, database) in _databases)
            await AuditCompleteness.AssertTracedAsync(service, database);
    }

    /// <summary>Writes whose author the platform promises not to name, in the trail either.</summary>
    static readonly HashSet<string> AuthorStaysAnonymous = ["POST /api/supervision/evaluations"];

    /// <summary>One write: it succeeds, and its audit entry names the caller, its role, its client
    /// and the request, written while the request ran (by the service's clock).</summary>
    /// <param name="saves">How many saves the write makes in its one transaction, each with its entry.</param>
    async Task<JsonElement> WriteAsync(string service, string method, string pattern, string? path, string caller, object? body, int saves = 1)
    {
        path ??= pattern;
        var clock = _services[service].GetRequiredService<TimeProvider>();
        var sent = clock.GetUtcNow();
        var before = await Sql.CountAsync(_databases[service], "audit_entries", "via = $1", $"{method} {path}");
        var content = body switch { null => null, HttpContent c => c, _ => JsonContent.Create(body) };
        using var response = await SendAsync(service, new HttpMethod(method), path, TestIdentity.For(caller), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        var answered = clock.GetUtcNow();

        Assert.Equal(before + saves, await Sql.CountAsync(_databases[service], "audit_entries", "via = $1", $"{method} {path}"));
        var entry = JsonDocument.Parse(await Sql.ScalarAsync<string>(_databases[service],
            "SELECT row_to_json(a)::text FROM audit_entries a WHERE via = $1 ORDER BY id DESC LIMIT 1", $"{method} {path}")).RootElement;
        Assert.Equal(caller.Split(':')[0], entry.GetProperty("roles").GetString());
        if (AuthorStaysAnonymous.Contains($"{method} {pattern}"))
        {
            // A rating is anonymous: its trail says neither who nor from where.
            Assert.Equal("anonymous", entry.GetProperty("actor").GetString());
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("client").ValueKind);
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("address").ValueKind);
        }
        else
        {
            Assert.Equal(TestIdentity.SubjectOf(caller), entry.GetProperty("actor").GetString());
            Assert.Equal("test-client", entry.GetProperty("client").GetString());
        }
        // PostgreSQL keeps microseconds.
        var at = entry.GetProperty("at").GetDateTimeOffset();
        Assert.True(at >= sent.AddMilliseconds(-1) && at <= answered.AddMilliseconds(1), $"{method} {path}: recorded at {at:O}, sent at {sent:O}, answered at {answered:O}");
        Assert.NotEqual("[]", entry.GetProperty("changes").ToString());
        _walked.Add($"{method} {pattern}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    async Task<HttpResponseMessage> SendAsync(string service, HttpMethod method, string path, string token, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _clients[service].SendAsync(request);
    }

    async Task<JsonElement> GetAsync(string service, string path, string token)
    {
        using var response = await SendAsync(service, HttpMethod.Get, path, token, null);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    static HttpContent Sheet(Dictionary<string, object> row)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { row });
        return Xlsx(stream.ToArray());
    }

    static HttpContent Xlsx(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return content;
    }
}
