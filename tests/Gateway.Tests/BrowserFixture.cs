using Microsoft.Playwright;
using TestInfrastructure;

namespace Gateway.Tests;

/// <summary>Debian's Chromium driven by Playwright (no browser download), headless, one browser for the
/// class. Screenshots are kept under artifacts/screenshots as evidence of each journey.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    IPlaywright _playwright = null!;
    public IBrowser Instance { get; private set; } = null!;
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Repository.Root, "artifacts", "screenshots")).FullName;

    /// <summary>How long an action or a retrying assertion waits for the page: long, for a machine under
    /// full load (a passing step never waits it out).</summary>
    static readonly float Patience = (float)TimeSpan.FromMinutes(1).TotalMilliseconds;

    public static async Task<Browser> LaunchAsync()
    {
        Assertions.SetDefaultExpectTimeout(Patience);
        var browser = new Browser { _playwright = await Playwright.CreateAsync() };
        browser.Instance = await browser._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return browser;
    }

    public async Task<IPage> PageAsync(Uri baseAddress, bool phone = false, string timeZone = "Asia/Shanghai")
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = timeZone,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Patience);
        // What the page itself complains of goes to the run's log, next to the screenshots.
        var log = Path.Combine(Screenshots, "browser-console.log");
        page.Console += (_, m) => { if (m.Type is "error" or "warning") File.AppendAllText(log, $"{m.Type}: {m.Text}\n"); };
        page.PageError += (_, e) => File.AppendAllText(log, $"page error: {e}\n");
        page.RequestFailed += (_, r) => File.AppendAllText(log, $"request failed: {r.Url} {r.Failure}\n");
        return page;
    }

    /// <summary>A page of the console signed in as one of the demo users (every demo password is the same; another user gives theirs)
    /// through the gateway's sign-in page, once the console has drawn the user's first page.</summary>
    public async Task<IPage> SignInAsync(Uri baseAddress, string user, bool phone = false) => await SignInAsync(await PageAsync(baseAddress, phone), user);

    public static async Task<IPage> SignInAsync(IPage page, string user, string password = PlatformFixture.Password)
    {
        // Not signed in, the console sends the browser to the gateway's sign-in page, and it comes back with a code.
        await page.GotoAsync("/console/");
        await page.GetByTestId("username").FillAsync(user);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("who").Filter(new() { HasTextRegex = new(".+") }).WaitForAsync();
        await page.Locator("nav a[aria-current='page']").WaitForAsync();
        return page;
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Instance.CloseAsync();
        _playwright.Dispose();
    }
}
