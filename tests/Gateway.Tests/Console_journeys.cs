using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>Each role's main journey in the Chinese console, in a real browser, through the real
/// gateway and services, one after the other as the reform runs: the office consolidates and
/// publishes; an agency files a visit (QR code) and records an inspection; the enterprise verifies a
/// code on its phone, rates the inspection and submits a supervision card; the leader instructs,
/// the unit resolves, the task force verifies and closes.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Console_journeys(PlatformFixture platform) : IAsyncLifetime
{
    const string Period = "2026-Q4";
    static readonly string[] DemoEnterprises = ["91330183MA2100001M", "91330183MA2100002Q", "91330183MA2100003U"];
    Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();
    public async Task DisposeAsync() => await _browser.DisposeAsync();

    Task<IPage> SignInAsync(string user, bool phone = false) => _browser.SignInAsync(platform.Platform.Address, user, phone);

    [Fact]
    public async Task Every_role_does_its_part_of_the_reform_in_the_console()
    {
        // 县委营商办: the registry, the declarations received, consolidation before/after, publication.
        var office = await SignInAsync("office");
        await office.GotoAsync("/console/#/registry");
        // The assertion retries: the page may still be replacing its first rendering (seen once under load).
        await Assertions.Expect(office.GetByTestId("enterprises").Locator("tbody tr")).ToHaveCountAsync(60);
        await office.GotoAsync($"/console/#/declarations/{Period}");
        await office.GetByTestId("declarations").WaitForAsync();
        await Assertions.Expect(office.GetByTestId("declarations").Locator("tbody tr").Nth(10)).ToBeVisibleAsync();   // more than 10
        await office.GotoAsync($"/console/#/consolidation/{Period}");
        await office.GetByTestId("run-consolidation").ClickAsync();
        await office.GetByTestId("run-reduction").WaitForAsync();
        Assert.Equal("41.2%", await office.GetByTestId("run-reduction").InnerTextAsync());
        Assert.True(int.Parse(await office.GetByTestId("before").InnerTextAsync()) > int.Parse(await office.GetByTestId("after").InnerTextAsync()));
        await Assertions.Expect(office.GetByTestId("decisions").Locator("tbody tr").First).ToBeVisibleAsync();
        await Browser.ShotAsync(office, "office-consolidation");
        await office.GetByTestId("publish").ClickAsync();
        await office.GetByTestId("plan-xlsx").WaitForAsync();
        var xlsx = await platform.Client.GetAsync(await office.GetByTestId("plan-xlsx").GetAttributeAsync("href"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        await Browser.ShotAsync(office, "office-published");

        // The published plan: a future joint visit at a demo enterprise that has a console user.
        var plan = JsonDocument.Parse(await platform.Client.GetStringAsync($"/api/planning/periods/{Period}/plan")).RootElement;
        var visit = plan.GetProperty("visits").EnumerateArray()
            .Where(v => DemoEnterprises.Contains(v.GetProperty("creditCode").GetString()) && DateOnly.Parse(v.GetProperty("day").GetString()!) > DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)))
            .OrderByDescending(v => v.GetProperty("agencies").GetArrayLength()).First();
        var lead = visit.GetProperty("leadAgency").GetString()!;
        var enterpriseCode = visit.GetProperty("creditCode").GetString()!;
        var enterpriseUser = $"qiye{Array.IndexOf(DemoEnterprises, enterpriseCode) + 1}";
        var visitDay = visit.GetProperty("day").GetString()!;

        // 执法单位 (the visit's lead agency): sees the visit, files it, gets the QR code.
        var agency = await SignInAsync($"{lead.ToLowerInvariant()}-staff");
        await agency.GotoAsync($"/console/#/visits/{Period}");
        await Assertions.Expect(agency.GetByTestId("my-visits").Locator("tbody tr").First).ToBeVisibleAsync();
        await agency.GotoAsync($"/console/#/file/{Uri.EscapeDataString(visit.GetProperty("jointId").GetString()!)}");
        async Task FillFormAsync()
        {
            await agency.GetByTestId("window-start").FillAsync($"{visitDay}T09:00");
            await agency.GetByTestId("window-end").FillAsync($"{visitDay}T12:00");
            // Two inspectors of the lead agency's roster, as the demo park's seed enters it.
            foreach (var n in new[] { 1, 2 })
            {
                var (certificateNo, name) = DemoRoster.Certificate(lead, n);
                await agency.GetByTestId($"inspector{n}-name").FillAsync(name);
                await agency.GetByTestId($"inspector{n}-cert").FillAsync(certificateNo);
            }
        }
        // Filing learns of the plan through the broker (slowly when the machine is loaded): once it has,
        // the form is submitted; pressed again only if no answer shows.
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "scheduled_visits", "joint_id = $1", visit.GetProperty("jointId").GetString()!),
            n => n == 1, "filing knows the visit");
        // A mistake is explained in Chinese under the form's own label, never by the API's field path.
        var mistake = await Eventually.Until(async () =>
        {
            await FillFormAsync();
            await agency.GetByTestId("window-start").FillAsync("2020-01-06T09:00");
            await agency.GetByTestId("window-end").FillAsync("2020-01-06T12:00");
            await agency.GetByTestId("file").ClickAsync();
            try { await agency.GetByTestId("error").WaitForAsync(new() { Timeout = 10_000 }); }
            catch (PlaywrightException) { }   // no answer yet: press again
            return await agency.GetByTestId("error").CountAsync() == 1 ? await agency.GetByTestId("error").InnerTextAsync() : "";
        }, said => said.Contains("须在检查开始前备案"), "a filing after the start is refused in Chinese");
        Assert.Contains("开始时间：须在检查开始前备案。", mistake);
        Assert.DoesNotContain("windowStart", mistake);
        await agency.GetByTestId("window-start").FillAsync("");
        await Eventually.Until(async () =>
        {
            // The page may render again after it was first filled (its data arriving): fill what is empty.
            if (await agency.GetByTestId("window-start").InputValueAsync() == "") await FillFormAsync();
            await agency.GetByTestId("file").ClickAsync();
            await agency.WaitForTimeoutAsync(500);
            try { await agency.GetByTestId("filing-no").Or(agency.Locator("#outlet :not(:empty)")).First.WaitForAsync(new() { Timeout = 10_000 }); }
            catch (PlaywrightException) { }   // no answer yet: press again
            return (Filed: await agency.GetByTestId("filing-no").CountAsync(), Said: await agency.Locator("#outlet").InnerTextAsync());
        }, a => a.Filed == 1, "the visit is filed");
        var code = await agency.GetByTestId("verification-code").InnerTextAsync();
        await agency.WaitForFunctionAsync("() => document.querySelector('[data-testid=qr]').naturalWidth > 0");
        await Browser.ShotAsync(agency, "agency-filed-with-qr");

        // The enterprise at its gate, on a phone, opens the QR code's address without signing in.
        var gate = await _browser.PageAsync(platform.Platform.Address, phone: true);
        await gate.GotoAsync($"/console/verify?code={Uri.EscapeDataString(code)}");
        Assert.Equal("尚未到备案时间", await gate.GetByTestId("verdict").InnerTextAsync());
        await Browser.ShotAsync(gate, "enterprise-verify-phone");
        await gate.GetByTestId("code").FillAsync("ZZZZ-ZZZZ");
        await gate.GetByTestId("verify").ClickAsync();
        await gate.GetByTestId("verdict").Filter(new() { HasText = "未查到" }).WaitForAsync();

        // An inspection happening now (unplanned, filed by the agency's own system), recorded in the console.
        var filingNo = await FileUnplannedNowAsync(lead, enterpriseCode);
        await agency.GotoAsync("/console/#/record");
        await agency.ReloadAsync();
        await agency.Locator($"[data-start='{filingNo}']").ClickAsync();
        await agency.GetByTestId("complete-link").First.ClickAsync();
        // Two findings, each stated in full: nothing is preselected, so a finding left unstated is refused.
        await agency.GetByTestId("add-finding").ClickAsync();
        await agency.GetByTestId("finding").First.FillAsync("安全出口指示标志损坏");
        await agency.GetByTestId("complete").ClickAsync();
        await agency.Locator("[aria-invalid=true][name='findings[0].harmCaused']").WaitForAsync();
        await agency.GetByTestId("finding-matter").First.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await agency.GetByTestId("finding-severity").First.SelectOptionAsync("1");
        await agency.GetByTestId("finding-correction").First.SelectOptionAsync("true");
        await agency.GetByTestId("finding-harm").First.SelectOptionAsync("false");
        await agency.GetByTestId("add-finding").ClickAsync();
        await agency.GetByTestId("finding-matter").Nth(1).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await agency.GetByTestId("finding-severity").Nth(1).SelectOptionAsync("2");
        await agency.GetByTestId("finding-correction").Nth(1).SelectOptionAsync("false");
        await agency.GetByTestId("finding-deadline").Nth(1).FillAsync(DateTime.UtcNow.AddHours(8).AddDays(10).ToString("yyyy-MM-dd"));
        await agency.GetByTestId("finding-harm").Nth(1).SelectOptionAsync("false");
        await agency.GetByTestId("finding").Nth(1).FillAsync("应急照明灯不亮");
        Assert.Equal("安全出口指示标志损坏", await agency.GetByTestId("finding").First.InputValueAsync());
        await agency.GetByTestId("complete").ClickAsync();
        await agency.GetByTestId("my-filings").WaitForAsync();
        await Browser.ShotAsync(agency, "agency-recorded");

        // The enterprise: its ledger, rating the inspection, a supervision card against the agency.
        var enterprise = await SignInAsync(enterpriseUser, phone: true);
        await enterprise.GotoAsync($"/console/#/ledger/{Period}");
        await enterprise.GetByTestId("declared").WaitForAsync();
        Assert.True(int.Parse(await enterprise.GetByTestId("declared").InnerTextAsync()) >= int.Parse(await enterprise.GetByTestId("after").InnerTextAsync()));
        await Eventually.Until(async () =>
        {
            await enterprise.GotoAsync("/console/#/rate");
            await enterprise.ReloadAsync();
            await enterprise.WaitForTimeoutAsync(500);
            return await enterprise.GetByTestId("rate").CountAsync();
        }, n => n >= 1, "the completed inspection can be rated");
        await enterprise.GetByTestId("rate").First.ClickAsync();
        await enterprise.GetByTestId("ok").WaitForAsync();
        await enterprise.GotoAsync("/console/#/cards");
        await enterprise.GetByTestId("card-type").SelectOptionAsync("RudeConduct");
        await enterprise.GetByTestId("card-agency").FillAsync(lead);
        await enterprise.GetByTestId("card-description").FillAsync("检查人员态度生硬，多次打断企业负责人说明情况");
        await enterprise.GetByTestId("submit-card").ClickAsync();
        await enterprise.GetByTestId("ok").WaitForAsync();
        await Assertions.Expect(enterprise.GetByTestId("my-card-state").First).ToHaveTextAsync("已登记");
        await Browser.ShotAsync(enterprise, "enterprise-card");

        // Tolerance by procedure: the enterprise sees the proposal on its finding and states its case; the agency answers it
        // and its legal review confirms: only then is it a decision, whose reasoning says the enterprise was told and heard.
        await Eventually.Until(async () =>
        {
            await enterprise.GotoAsync("/console/#/decisions");
            await enterprise.ReloadAsync();
            await enterprise.GetByTestId("decisions-count").WaitForAsync();
            return await enterprise.GetByTestId("decision-link").Filter(new() { HasText = filingNo }).CountAsync();
        }, n => n == 2, "the enterprise sees a proposal on each finding");
        await enterprise.GetByTestId("decision-link").Filter(new() { HasText = filingNo }).First.ClickAsync();
        await enterprise.GetByTestId("statement-text").FillAsync("标志已于当日更换，请求从轻处理");
        await enterprise.GetByTestId("state-case").ClickAsync();
        await Assertions.Expect(enterprise.GetByTestId("statement")).ToHaveTextAsync("标志已于当日更换，请求从轻处理");
        await Browser.ShotAsync(enterprise, "enterprise-statement");
        await agency.GotoAsync($"/console/{new Uri(enterprise.Url).Fragment}");
        await agency.ReloadAsync();
        await agency.GetByTestId("answer-text").FillAsync("企业意见已记录，事实清楚");
        await agency.GetByTestId("answer").ClickAsync();
        await agency.GetByTestId("review-opinion").FillAsync("事实清楚，依据充分，同意拟定意见");
        await agency.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(agency.GetByTestId("decision-status")).ToHaveTextAsync("已作出决定");
        await Assertions.Expect(agency.GetByTestId("decision-reasoning")).ToContainTextAsync("已告知当事人");
        await Assertions.Expect(agency.GetByTestId("decision-reasoning")).ToContainTextAsync("企业意见已记录，事实清楚");
        await Browser.ShotAsync(agency, "agency-decision-confirmed");

        // The case: office sends it for sign-off, the leader instructs, the office assigns it to the agency.
        await office.GotoAsync("/console/#/cases");
        await office.GetByTestId("case-link").First.ClickAsync();
        // What the officials will read of the card: the office's own words, not the enterprise's.
        await office.GetByTestId("forwarded-summary").FillAsync("反映检查人员执法态度生硬，请核实整改并向企业反馈");
        await Step(office, "send-for-sign-off");
        var leader = await SignInAsync("leader");
        await leader.GotoAsync("/console/#/cases");
        await leader.GetByTestId("case-link").First.ClickAsync();
        Assert.Contains("受保护", await leader.GetByTestId("submitter").InnerTextAsync());
        await Step(leader, "instruct", "请责任单位核实整改，一周内反馈企业");
        await office.ReloadAsync();
        await office.GetByTestId("assign-to").FillAsync(lead);
        await office.GetByTestId("assign-deadline").FillAsync(DateTime.UtcNow.AddHours(8).AddDays(10).ToString("yyyy-MM-dd"));
        await Step(office, "assign");

        // The responsible unit sees the case without the complainant, updates and resolves it.
        await agency.GotoAsync("/console/#/cases");
        await agency.GetByTestId("case-link").First.ClickAsync();
        Assert.DoesNotContain(enterpriseCode, await agency.ContentAsync());
        await Assertions.Expect(agency.GetByTestId("case-forwarded-summary")).ToHaveTextAsync("反映检查人员执法态度生硬，请核实整改并向企业反馈");
        Assert.DoesNotContain("多次打断企业负责人说明情况", await agency.ContentAsync());
        await Step(agency, "progress", "已约谈当事检查人员");
        await Step(agency, "resolve", "已批评教育并向企业致歉");
        await Browser.ShotAsync(agency, "agency-case-resolved");

        // The task force verifies; the office calls the enterprise back; the task force closes; the enterprise sees the answer.
        var discipline = await SignInAsync("discipline");
        await discipline.GotoAsync("/console/#/cases");
        await discipline.GetByTestId("case-link").First.ClickAsync();
        await Step(discipline, "verify", "已核实处理到位");
        await office.ReloadAsync();
        await Step(office, "call-back-satisfied", "企业表示满意");
        await discipline.ReloadAsync();
        await Step(discipline, "close");
        await Assertions.Expect(discipline.GetByTestId("case-state")).ToHaveTextAsync("已关闭");
        await Browser.ShotAsync(discipline, "discipline-closed");
        await enterprise.GotoAsync("/console/#/cards");
        await enterprise.ReloadAsync();
        await Assertions.Expect(enterprise.GetByTestId("my-card-state").First).ToHaveTextAsync("已关闭");
        await Assertions.Expect(enterprise.GetByTestId("my-card-result").First).ToHaveTextAsync("已批评教育并向企业致歉");
        await Assertions.Expect(enterprise.GetByTestId("my-card-call-back").First).ToHaveTextAsync("满意：企业表示满意");

        // The office's dashboard shows the published plan's reduction (from supervision's own events).
        await Eventually.Until(async () =>
        {
            await office.GotoAsync($"/console/#/dashboard/{Period}");
            await office.ReloadAsync();
            return await office.GetByTestId("reduction-rate").InnerTextAsync();
        }, t => t == "41.2%", "the dashboard shows the reduction rate");
        await Browser.ShotAsync(office, "office-dashboard");

        // The quarter's report: a PDF saved from the same page, for the quarter chosen there.
        await office.GetByLabel("报告期间").SelectOptionAsync(Period);
        var report = await office.RunAndWaitForDownloadAsync(() => office.GetByTestId("report-pdf").ClickAsync());
        Assert.Equal($"改革工作报告-{Period}.pdf", report.SuggestedFilename);
        Assert.True((await File.ReadAllBytesAsync(await report.PathAsync())).AsSpan().StartsWith("%PDF-"u8), "the report is a PDF");

        // Everything the journey wrote, in every service, left its trail (留痕).
        foreach (var (service, database) in platform.Platform.Databases)
            await AuditCompleteness.AssertTracedAsync(service, database);
    }

    [Fact]
    public async Task A_page_left_before_its_data_arrived_never_draws_over_the_next()
    {
        var office = await SignInAsync("office");
        // The registry's data is slow today: it arrives only once the next page is shown and watched.
        var watched = new TaskCompletionSource();
        int held = 0, letThrough = 0, over = 0;
        static bool Registry(IRequest r) => r.Url.Contains("/api/planning/enterprises");
        office.RequestFinished += (_, r) => { if (Registry(r)) Interlocked.Increment(ref over); };
        office.RequestFailed += (_, r) => { if (Registry(r)) Interlocked.Increment(ref over); };
        await office.RouteAsync("**/api/planning/enterprises", async route =>
        {
            Interlocked.Increment(ref held);
            await watched.Task;
            try { await route.ContinueAsync(); } catch (PlaywrightException) { }   // the page cancelled it
            Interlocked.Increment(ref letThrough);
        });
        await office.GotoAsync("/console/#/registry");
        await office.GotoAsync($"/console/#/declarations/{Period}");
        await office.GetByTestId("declarations").WaitForAsync();
        // Every heading drawn from now on is recorded, so a moment's flash of the left page would show.
        await office.EvaluateAsync("""
            () => { window.drawn = []; new MutationObserver(() => window.drawn.push(document.querySelector('#main h1')?.textContent ?? ''))
                      .observe(document.getElementById('main'), { childList: true, subtree: true }); }
            """);
        watched.SetResult();
        // Past the registry's late answers: each let through and over in the page (answered, or cancelled by
        // it), and what the page does with an answer run (its handlers, then a frame).
        await Eventually.Until(() => Task.FromResult((Held: Volatile.Read(ref held), LetThrough: Volatile.Read(ref letThrough), Over: Volatile.Read(ref over))),
            c => c.Held > 0 && c.LetThrough == c.Held && c.Over >= c.Held, "the registry's late answers are over");
        await office.EvaluateAsync("() => new Promise(r => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0))");
        var drawn = await office.EvaluateAsync<string[]>("() => window.drawn");
        Assert.DoesNotContain(drawn, h => h.Contains("企业名录"));
        await Assertions.Expect(office.Locator("#main h1")).ToContainTextAsync("收到的计划申报");
    }

    static async Task Step(IPage page, string step, string? note = null)
    {
        if (note is not null) await page.GetByTestId("step-note").FillAsync(note);
        // The previous step's confirmation goes first, so the wait below is for this step's.
        await page.EvaluateAsync("() => document.querySelectorAll('[data-testid=ok]').forEach(e => e.remove())");
        await page.GetByTestId($"step-{step}").ClickAsync();
        await page.GetByTestId("ok").WaitForAsync();
    }

    /// <summary>Filed for a window hours ahead, then opened in filing's database (the platform's processes
    /// keep the machine's clock): the inspection may start now.</summary>
    async Task<string> FileUnplannedNowAsync(string agency, string enterprise)
    {
        using var tokenResponse = await platform.ClientCredentialsAsync($"agency-{agency.ToLowerInvariant()}", $"{agency.ToLowerInvariant()}-demo-secret");
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var matter = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/matters")).RootElement.EnumerateArray()
            .First(m => m.GetProperty("agencyCode").GetString() == agency).GetProperty("code").GetString();
        var start = DateTimeOffset.UtcNow.AddHours(2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/filing/filings")
        {
            Content = JsonContent.Create(new
            {
                unplannedReason = "群众举报安全隐患，需现场核查", creditCode = enterprise, matterCodes = new[] { matter },
                inspectors = DemoRoster.Two(agency),
                windowStart = start, windowEnd = start.AddHours(2),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await platform.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var filingNo = JsonDocument.Parse(body).RootElement.GetProperty("filingNo").GetString()!;
        await FiledWindows.OpenAsync(platform.Platform.Databases["filing"], filingNo);
        return filingNo;
    }
}
