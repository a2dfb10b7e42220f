using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Accounts;
using Microsoft.Playwright;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>The administrator's pages of the console, in a real browser: an administrator creates an
/// agency's new inspector, who sets a password with the one-time code and files a visit; invites an
/// enterprise, whose person registers with the printed letter; revokes, creates and rotates an agency's
/// system, its secret shown once; the others' roles neither see nor reach these pages.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Console_administration(PlatformFixture platform) : IAsyncLifetime
{
    /// <summary>A quarter of this test's own, far ahead: the demo's quarter is the console journey's to publish.</summary>
    const string Quarter = "2027-Q3";
    const string Agency = "JT";
    const string Password = "a clerk's own long phrase";
    /// <summary>华东机械制造有限公司, of the demo registry.</summary>
    const string Enterprise = "91330183MA2100002Q";
    Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();
    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task An_administrator_creates_an_inspector_who_sets_a_password_with_the_one_time_code_signs_in_and_files_a_visit()
    {
        var visit = await PublishedVisitLedByAsync(Agency);
        var userName = $"jt-{Guid.NewGuid():N}"[..14];

        // 系统管理员: the new user, bound to the agency chosen from the registry's list.
        var admin = await _browser.SignInAsync(platform.Platform.Address, "admin");
        await Assertions.Expect(admin.Locator("nav a[aria-current='page']")).ToHaveAttributeAsync("href", "#/todo");
        await admin.GetByRole(AriaRole.Link, new() { Name = "创建用户", Exact = true }).First.ClickAsync();
        await Assertions.Expect(admin.Locator("#main h1")).ToBeFocusedAsync();
        await Assertions.Expect(admin.GetByTestId("new-user-agency")).ToBeHiddenAsync();
        await admin.GetByLabel("用户名").FillAsync(userName);
        await admin.GetByLabel("姓名（显示名称）").FillAsync("交通运输局 郑");
        await admin.GetByLabel("角色").SelectOptionAsync("agency");
        await admin.GetByLabel("所属执法单位").SelectOptionAsync(Agency);
        await admin.GetByTestId("create-user").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已创建用户");
        var code = await admin.GetByTestId("password-code").InnerTextAsync();
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$", code);
        await Browser.ShotAsync(admin, "admin-user-created");

        // The list finds the user, who has no password yet.
        await admin.GotoAsync("/console/#/users");
        await admin.GetByLabel("用户名或姓名").FillAsync(userName);
        await admin.GetByTestId("find-users").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("users").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.GetByTestId("user-state")).ToHaveTextAsync("待设置密码");

        // The inspector: from the sign-in page to setting a password with the code, then signing in.
        var inspector = await _browser.PageAsync(platform.Platform.Address);
        await inspector.GotoAsync("/console/");
        await inspector.GetByTestId("set-password-link").ClickAsync();
        await Assertions.Expect(inspector.Locator("#main h1")).ToHaveTextAsync("设置密码");
        await inspector.GetByLabel("用户名").FillAsync(userName);
        await inspector.GetByLabel("一次性设置码").FillAsync(code.ToLowerInvariant());   // as typed, in any case
        await inspector.GetByLabel("新密码", new() { Exact = true }).FillAsync("password1234");
        await inspector.GetByLabel("再次输入新密码").FillAsync("password1234");
        await inspector.GetByTestId("set-password-submit").ClickAsync();
        // A common password is refused in Chinese under its field; the code still works.
        var refusal = inspector.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refusal).ToContainTextAsync("新密码：");
        Assert.DoesNotContain("password", await refusal.InnerTextAsync());
        await Assertions.Expect(inspector.GetByLabel("新密码", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await inspector.GetByLabel("新密码", new() { Exact = true }).FillAsync(Password);
        await inspector.GetByLabel("再次输入新密码").FillAsync(Password);
        await inspector.GetByTestId("set-password-submit").ClickAsync();
        await inspector.GetByTestId("password-set").WaitForAsync();
        await Browser.SignInAsync(inspector, userName, Password);
        await Assertions.Expect(inspector.GetByTestId("who")).ToContainTextAsync("交通运输局 郑");

        // The inspector files the visit the plan gives the agency.
        await inspector.GotoAsync($"/console/#/file/{Uri.EscapeDataString(visit.JointId)}");
        await Assertions.Expect(inspector.Locator("#main h1")).ToBeFocusedAsync();
        await Eventually.Until(async () =>
        {
            // The page may render again after it was first filled (its data arriving): fill what is empty.
            if (await inspector.GetByTestId("window-start").InputValueAsync() == "")
            {
                await inspector.GetByTestId("window-start").FillAsync($"{visit.Day}T09:00");
                await inspector.GetByTestId("window-end").FillAsync($"{visit.Day}T12:00");
                foreach (var n in new[] { 1, 2 })
                {
                    var (certificateNo, name) = DemoRoster.Certificate(Agency, n);
                    await inspector.GetByTestId($"inspector{n}-name").FillAsync(name);
                    await inspector.GetByTestId($"inspector{n}-cert").FillAsync(certificateNo);
                }
            }
            await inspector.GetByTestId("file").ClickAsync();
            try { await inspector.GetByTestId("filing-no").Or(inspector.Locator("#outlet :not(:empty)")).First.WaitForAsync(new() { Timeout = 10_000 }); }
            catch (PlaywrightException) { }   // no answer yet: press again (one key per form: it files once)
            return (Filed: await inspector.GetByTestId("filing-no").CountAsync(), Said: await inspector.Locator("#outlet").InnerTextAsync());
        }, a => a.Filed == 1, "the visit is filed");
        var filingNo = await inspector.GetByTestId("filing-no").InnerTextAsync();
        Assert.Equal(1, await Sql.CountAsync(platform.Platform.Databases["filing"], "audit_entries", "actor = $1 AND via = 'POST /api/filing/filings'", userName));
        await Browser.ShotAsync(inspector, "admin-created-inspector-filed");
        Assert.False(string.IsNullOrEmpty(filingNo));

        // The inspector changes the password in the console; the old one no longer signs in.
        await inspector.GetByRole(AriaRole.Link, new() { Name = "修改密码" }).ClickAsync();
        await inspector.GetByLabel("当前密码").FillAsync(Password);
        await inspector.GetByLabel("新密码", new() { Exact = true }).FillAsync(Password + " changed");
        await inspector.GetByLabel("再次输入新密码").FillAsync(Password + " changed");
        await inspector.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(inspector.GetByRole(AriaRole.Status)).ToContainTextAsync("密码已修改");
        Assert.Equal(HttpStatusCode.Unauthorized, (await CodeFlowSignIn.AttemptAsync(platform.Client, userName, Password)).Status);

        // The administrator resets it: the one-time code is shown once, and the user must set a password again.
        await admin.GetByTestId("password-reset").ClickAsync();
        await Assertions.Expect(admin.Locator("#status")).ToContainTextAsync("已重置");
        await Assertions.Expect(admin.GetByTestId("password-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$"));
        await Assertions.Expect(admin.GetByTestId("user-state")).ToHaveTextAsync("待设置密码");
        await admin.GetByTestId("disable").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("user-state")).ToHaveTextAsync("已停用");
        await Browser.ShotAsync(admin, "admin-users");
    }

    [Fact]
    public async Task An_invited_enterprise_registers_with_the_printed_letter_and_signs_in()
    {
        var admin = await _browser.SignInAsync(platform.Platform.Address, "admin");
        await admin.GotoAsync("/console/#/invitations");
        // The registry's enterprises reach the gateway by planning's events: pressed again until it knows this one.
        await Eventually.Until(async () =>
        {
            await admin.GetByLabel("企业统一社会信用代码").FillAsync(Enterprise);
            await admin.GetByTestId("invite").ClickAsync();
            await admin.GetByTestId("invitation-letter").Or(admin.GetByTestId("error")).First.WaitForAsync();
            return await admin.GetByTestId("invitation-letter").CountAsync();
        }, n => n == 1, "the invitation is issued");
        var letter = admin.GetByTestId("invitation-letter");
        await Assertions.Expect(letter).ToContainTextAsync("华东机械制造有限公司");
        var code = await admin.GetByTestId("invitation-code").InnerTextAsync();
        // On paper the letter stands alone: no menu, no form, no button.
        await admin.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(letter).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("nav")).ToBeHiddenAsync();
        await Assertions.Expect(admin.GetByTestId("print-invitation")).ToBeHiddenAsync();
        await Assertions.Expect(admin.Locator("#main h1")).ToBeHiddenAsync();
        await Browser.ShotAsync(admin, "admin-invitation-printed");

        var person = await _browser.PageAsync(platform.Platform.Address);
        var userName = $"qiye2-{Guid.NewGuid():N}"[..14];
        await person.GotoAsync("/console/invitation");
        await person.GetByLabel("邀请码").FillAsync(code);
        await person.GetByLabel("统一社会信用代码").FillAsync(Enterprise);
        await person.GetByLabel("用户名").FillAsync(userName);
        await person.GetByLabel("姓名").FillAsync("华东机械 钱会计");
        await person.GetByLabel("密码").FillAsync(Password);
        await person.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(person.Locator("#main h1")).ToHaveTextAsync("注册完成");
        await Browser.SignInAsync(person, userName, Password);
        await Assertions.Expect(person.GetByTestId("who")).ToContainTextAsync("华东机械 钱会计");
        await Assertions.Expect(person.Locator("nav a[aria-current='page']")).ToHaveAttributeAsync("href", "#/todo");
    }

    [Fact]
    public async Task An_agency_system_is_revoked_created_and_rotated_its_secret_shown_once()
    {
        var admin = await _browser.SignInAsync(platform.Platform.Address, "admin");
        await admin.GotoAsync("/console/#/clients");
        await admin.GetByTestId("manage-client").SelectOptionAsync("agency-jx");
        // Revoking asks to be confirmed first.
        await admin.GetByTestId("revoke").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("确认吊销");
        await admin.GetByTestId("confirm-revoke").CheckAsync();
        await admin.GetByTestId("revoke").ClickAsync();
        await Assertions.Expect(admin.Locator("#status")).ToContainTextAsync("已吊销 agency-jx");

        await admin.GetByTestId("client-agency").SelectOptionAsync("JX");
        await admin.GetByTestId("create-client").ClickAsync();
        await Assertions.Expect(admin.Locator("#status")).ToContainTextAsync("已创建 agency-jx");
        var first = await admin.GetByTestId("client-secret").InnerTextAsync();
        using (var granted = await platform.Client.ClientGrantAsync("agency-jx", first))
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        // Rotated without overlap: the first secret stops at once, the new one works.
        await admin.GetByTestId("manage-client").SelectOptionAsync("agency-jx");
        await admin.GetByTestId("overlap-hours").FillAsync("0");
        await admin.GetByTestId("rotate").ClickAsync();
        await Assertions.Expect(admin.Locator("#status")).ToContainTextAsync("已轮换");
        var second = await admin.GetByTestId("client-secret").InnerTextAsync();
        Assert.NotEqual(first, second);
        using (var old = await platform.Client.ClientGrantAsync("agency-jx", first))
            Assert.False(old.IsSuccessStatusCode);
        using (var rotated = await platform.Client.ClientGrantAsync("agency-jx", second))
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        await Browser.ShotAsync(admin, "admin-agency-client-rotated");
    }

    [Fact]
    public async Task The_office_reads_in_the_trail_who_disabled_an_account_and_a_wrong_window_is_named_under_its_field()
    {
        var adminToken = await platform.Client.TokenAsync("admin", Accounts_are_administered.DemoPassword);
        var userName = $"trail-{Guid.NewGuid():N}"[..14];
        await platform.Client.CreateUserAsync(adminToken, new { userName, displayName = "留痕 测试", role = "leader" }, Password);
        using (var disable = await platform.Client.CallAsync(HttpMethod.Post, $"/admin/users/{userName}/disable", adminToken))
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        var office = await _browser.SignInAsync(platform.Platform.Address, "office");
        await office.GetByRole(AriaRole.Link, new() { Name = "留痕查询", Exact = true }).ClickAsync();
        await Assertions.Expect(office.Locator("#main h1")).ToBeFocusedAsync();
        await office.GetByLabel("查询范围").SelectOptionAsync("accounts");
        await office.GetByLabel("操作人（用户名）").FillAsync("admin");
        await office.GetByTestId("find-audit").ClickAsync();
        await Assertions.Expect(office.GetByTestId("audit").Locator("tbody tr", new() { HasText = $"POST /admin/users/{userName}/disable" })).ToHaveCountAsync(1);
        await Browser.ShotAsync(office, "office-audit-trail");

        await office.GetByLabel("起始日期").FillAsync("2026-05-02");
        await office.GetByLabel("截止日期").FillAsync("2026-05-01");
        await office.GetByTestId("find-audit").ClickAsync();
        await Assertions.Expect(office.GetByRole(AriaRole.Alert)).ToContainTextAsync("截止日期");
        await Assertions.Expect(office.GetByLabel("截止日期")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Other_roles_neither_see_nor_reach_the_administrators_pages()
    {
        foreach (var (user, first) in new[] { ("office", "#/todo"), ("qiye2", "#/todo") })
        {
            var page = await _browser.SignInAsync(platform.Platform.Address, user);
            var links = await page.Locator("nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            Assert.Contains("#/password", links);
            foreach (var adminPage in new[] { "#/users", "#/new-user", "#/invitations", "#/clients" })
            {
                Assert.DoesNotContain(adminPage, links);
                await page.GotoAsync($"/console/{adminPage}");
                // The address of an administrator's page shows the user's own first page instead.
                await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{System.Text.RegularExpressions.Regex.Escape(first)}$"));
                await Assertions.Expect(page.Locator("nav a[aria-current='page']")).ToHaveAttributeAsync("href", first);
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "用户管理" })).ToHaveCountAsync(0);
            }
            await page.Context.CloseAsync();
        }
    }

    sealed record PlannedVisit(string JointId, string Day);

    /// <summary>A visit of the quarter's published plan that <paramref name="agency"/> leads, once filing knows
    /// it and the agency's roster: declared and published here, through the API, if this quarter has no plan yet.</summary>
    async Task<PlannedVisit> PublishedVisitLedByAsync(string agency)
    {
        var office = platform.Forge(TestIdentity.ClaimsOf("office"), DateTime.UtcNow.AddMinutes(30));
        var declarer = platform.Forge(TestIdentity.ClaimsOf($"agency:{agency}"), DateTime.UtcNow.AddMinutes(30));
        using (var plan = await platform.Client.GetAsync($"/api/planning/periods/{Quarter}/plan"))
            if (!plan.IsSuccessStatusCode)
            {
                var enterprise = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/enterprises")).RootElement[0].GetProperty("creditCode").GetString()!;
                var matter = JsonDocument.Parse(await platform.Client.GetStringAsync("/api/planning/matters")).RootElement.EnumerateArray()
                    .First(m => m.GetProperty("agencyCode").GetString() == agency).GetProperty("code").GetString()!;
                await SendAsync(HttpMethod.Post, "/api/planning/declarations", declarer, new
                {
                    period = Quarter, matterCodes = new[] { matter }, creditCodes = new[] { enterprise }, windowFrom = "2027-07-12", windowTo = "2027-09-24",
                    mandateLevel = "County", category = "Routine", method = "现场检查",
                });
                var run = JsonDocument.Parse(await SendAsync(HttpMethod.Post, $"/api/planning/periods/{Quarter}/consolidations", office, new { })).RootElement;
                await SendAsync(HttpMethod.Post, $"/api/planning/periods/{Quarter}/consolidations/{run.GetProperty("summary").GetProperty("id").GetString()}/publish", office, null);
            }
        var visit = JsonDocument.Parse(await platform.Client.GetStringAsync($"/api/planning/periods/{Quarter}/plan")).RootElement.GetProperty("visits").EnumerateArray()
            .First(v => v.GetProperty("leadAgency").GetString() == agency);
        var jointId = visit.GetProperty("jointId").GetString()!;
        // Filing learns of the plan and of the rosters through the broker.
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "scheduled_visits", "joint_id = $1", jointId), n => n == 1, "filing knows the visit");
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.Databases["filing"], "agency_rosters", $"agency_code = '{agency}' AND inspectors <> '[]'::jsonb"),
            n => n == 1, "filing knows the agency's roster");
        return new(jointId, visit.GetProperty("day").GetString()!);
    }

    async Task<string> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await platform.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
