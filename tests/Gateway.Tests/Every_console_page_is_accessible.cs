using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace Gateway.Tests;

/// <summary>The console for people who use a screen reader, a keyboard or weak eyes: axe-core checks
/// the sign-in page, the pages anyone opens without signing in (the gate's verification, setting a password
/// with a one-time code, an enterprise's registration) and every page each role reaches from its menu.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Every_console_page_is_accessible(PlatformFixture platform) : IAsyncLifetime
{
    static readonly string[] Users = ["office", "yj-staff", "qiye1", "leader", "discipline", "admin"];
    Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();
    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task The_sign_in_and_verification_pages_have_no_serious_accessibility_violation()
    {
        var page = await _browser.PageAsync(platform.Platform.Address);
        // The console sends whoever is not signed in to the gateway's sign-in page, the user name field ready.
        await page.GotoAsync("/console/");
        await Assertions.Expect(page.GetByLabel("用户名")).ToBeFocusedAsync();
        var violations = (await SeriousViolationsAsync(page, "sign-in")).ToList();
        // A refusal is announced and the password field, which it describes, takes the focus.
        await page.GetByLabel("用户名").FillAsync("no-such-user");
        await page.GetByLabel("密码").FillAsync("not the password");
        await page.GetByLabel("密码").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码错误");
        await Assertions.Expect(page.GetByLabel("密码")).ToBeFocusedAsync();
        violations.AddRange(await SeriousViolationsAsync(page, "sign-in refused"));
        await page.GotoAsync("/console/verify?code=ZZZZ-ZZZZ");
        await page.GetByTestId("verdict").WaitForAsync();
        violations.AddRange(await SeriousViolationsAsync(page, "verify"));
        foreach (var (path, heading) in new[] { ("/console/password?user=someone", "设置密码"), ("/console/invitation", "企业账户注册") })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("#main h1")).ToHaveTextAsync(heading);
            await Assertions.Expect(page.Locator("#main h1")).ToBeFocusedAsync();
            violations.AddRange(await SeriousViolationsAsync(page, path));
        }
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public async Task Every_page_of_every_role_has_no_serious_accessibility_violation()
    {
        var violations = await OnEveryPageAsync(SeriousViolationsAsync);
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public async Task Every_page_of_every_role_is_in_Chinese()
    {
        // Identifiers (user names, codes, client ids) are marked translate="no": they are typed as they are, in no language.
        // File formats (xlsx, PDF) are named as every Chinese office names them.
        var english = await OnEveryPageAsync(async (page, where) =>
        {
            var identifiers = (await page.Locator("[translate='no']").AllInnerTextsAsync()).SelectMany(text => Regex.Matches(text, "[A-Za-z]{3,}").Select(m => m.Value)).ToHashSet();
            return Regex.Matches(await page.Locator("body").InnerTextAsync(), "[A-Za-z]{3,}").Select(m => m.Value)
                .Where(word => word is not ("xlsx" or "PDF") && !identifiers.Contains(word)).Distinct().Select(word => $"{where}: {word}");
        });
        Assert.True(english.Count == 0, string.Join('\n', english));
    }

    [Fact]
    public async Task A_form_error_is_shown_under_its_field_and_named_by_its_Chinese_label_not_its_JSON_path()
    {
        var page = await _browser.SignInAsync(platform.Platform.Address, "yj-staff");
        await page.GotoAsync("/console/#/file");
        await Assertions.Expect(page.Locator("#main h1")).ToBeFocusedAsync();
        // No times and no name for the first inspector: the API answers inspectors[0].name and windowStart.
        await page.GetByTestId("inspector1-cert").FillAsync("33018301001");
        await page.GetByTestId("inspector2-name").FillAsync("李芳");
        await page.GetByTestId("inspector2-cert").FillAsync("33018301002");
        await page.GetByTestId("file").ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("检查人员1 姓名：");
        await Assertions.Expect(alert).ToContainTextAsync("开始时间：");
        var said = await alert.InnerTextAsync();
        Assert.DoesNotContain("inspectors[", said);
        Assert.DoesNotContain("windowStart", said);
        await Assertions.Expect(page.GetByTestId("inspector1-name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByTestId("inspector1-name")).ToHaveAccessibleDescriptionAsync(new Regex(".+"));
        await Assertions.Expect(page.GetByTestId("inspector2-name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Browser.ShotAsync(page, "agency-form-errors");
    }

    [Fact]
    public async Task A_confirmation_is_a_polite_status_message()
    {
        var page = await _browser.SignInAsync(platform.Platform.Address, "qiye1");
        // The refusal is answered here, so the platform's cases stay as the other tests expect them.
        await page.RouteAsync("**/api/filing/refusals", route => route.FulfillAsync(new() { Status = 201, ContentType = "application/json", Body = "{}" }));
        await page.GotoAsync("/console/#/refuse");
        await page.GetByTestId("refusal-description").FillAsync("检查人员未出示备案，拒绝检查");
        await page.GetByTestId("refuse").ClickAsync();
        var status = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToContainTextAsync("已提交");
        await Assertions.Expect(status).ToHaveAttributeAsync("aria-live", "polite");
    }

    [Fact]
    public async Task Each_chart_of_the_dashboard_is_named_by_the_figures_of_its_table()
    {
        var page = await _browser.SignInAsync(platform.Platform.Address, "leader");
        await page.GotoAsync("/console/#/dashboard");
        var charts = page.Locator("figure.chart");
        await Assertions.Expect(charts).ToHaveCountAsync(4);
        foreach (var chart in await charts.AllAsync())
        {
            var name = await chart.GetByRole(AriaRole.Img).GetAttributeAsync("aria-label");
            await chart.GetByText("以表格查看").ClickAsync();
            foreach (var row in await chart.Locator("tbody tr").AllAsync())
                Assert.Contains($"{await row.Locator("th").InnerTextAsync()} {await row.Locator("td").InnerTextAsync()}", name);
        }
        await Browser.ShotAsync(page, "dashboard-charts-as-tables");
    }

    /// <summary>Signs in as each role and opens every page of its menu in turn; what <paramref name="check"/>
    /// finds on each page, once it is drawn, is returned.</summary>
    async Task<List<string>> OnEveryPageAsync(Func<IPage, string, Task<IEnumerable<string>>> check)
    {
        var found = new List<string>();
        foreach (var user in Users)
        {
            var page = await _browser.SignInAsync(platform.Platform.Address, user);
            foreach (var href in await page.Locator("nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                var link = page.Locator($"nav a[href='{href}']");
                if (await link.GetAttributeAsync("aria-current") is null) await link.ClickAsync();
                // The menu marks the page once it is drawn with its data, and the page's heading has the focus.
                await Assertions.Expect(link).ToHaveAttributeAsync("aria-current", "page");
                await Assertions.Expect(page.Locator("#main h1")).ToBeFocusedAsync();
                await Assertions.Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
                found.AddRange(await check(page, $"{user} {href}"));
            }
            await page.Context.CloseAsync();
        }
        return found;
    }

    static async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string where) =>
        (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target))}");
}
