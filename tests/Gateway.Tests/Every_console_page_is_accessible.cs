using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace Gateway.Tests;

/// <summary>The console for people who use a screen reader, a keyboard or weak eyes: axe-core checks
/// the sign-in page, the gate's verification page and every page each role reaches from its menu.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Every_console_page_is_accessible(PlatformFixture platform) : IAsyncLifetime
{
    static readonly string[] Users = ["office", "yj-staff", "qiye1", "leader", "discipline"];
    Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();
    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task The_sign_in_and_verification_pages_have_no_serious_accessibility_violation()
    {
        var page = await _browser.PageAsync(platform.Platform.Address);
        await page.GotoAsync("/console/");
        await Assertions.Expect(page.Locator("#main h1")).ToBeFocusedAsync();
        var violations = await SeriousViolationsAsync(page, "sign-in");
        await page.GotoAsync("/console/verify?code=ZZZZ-ZZZZ");
        await page.GetByTestId("verdict").WaitForAsync();
        violations.AddRange(await SeriousViolationsAsync(page, "verify"));
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public async Task Every_page_of_every_role_has_no_serious_accessibility_violation()
    {
        var violations = new List<string>();
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
                violations.AddRange(await SeriousViolationsAsync(page, $"{user} {href}"));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    static async Task<List<string>> SeriousViolationsAsync(IPage page, string where) =>
        [.. (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target))}")];
}
