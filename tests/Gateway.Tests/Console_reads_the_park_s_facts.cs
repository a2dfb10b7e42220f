using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Gateway.Tests;

/// <summary>What the console shows of the park is the platform's, not written into the console: agencies'
/// names from the registry, the current period from China's calendar.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Console_reads_the_park_s_facts(PlatformFixture platform) : IAsyncLifetime
{
    Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();
    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Agency_names_are_read_once_from_the_registry()
    {
        var page = await _browser.PageAsync(platform.Platform.Address);
        var reads = 0;
        // The registry renames every agency 名 + its code for this page.
        await page.RouteAsync("**/api/planning/agencies", async route =>
        {
            reads++;
            var response = await route.FetchAsync();
            var agencies = JsonNode.Parse(await response.TextAsync())!.AsArray();
            foreach (var agency in agencies) agency!["name"] = $"名{agency["code"]}";
            await route.FulfillAsync(new() { Response = response, Body = agencies.ToJsonString() });
        });
        await Browser.SignInAsync(page, "office");
        await page.GotoAsync("/console/#/declarations/2026-Q4");
        await Assertions.Expect(page.GetByTestId("declarations").Locator("tbody tr").First).ToContainTextAsync(new Regex("名[A-Z]{2}"));
        await page.GotoAsync("/console/#/filings");
        await Assertions.Expect(page.Locator("#main h1")).ToHaveTextAsync("检查备案");
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task The_current_period_is_China_s_quarter_wherever_the_browser_is()
    {
        var page = await _browser.PageAsync(platform.Platform.Address, timeZone: "America/Los_Angeles");
        // 17:00 UTC on New Year's Eve: still 31 December in Los Angeles, already 1 January 2027 in China.
        await page.Clock.SetFixedTimeAsync(new DateTime(2026, 12, 31, 17, 0, 0, DateTimeKind.Utc));
        await Browser.SignInAsync(page, "yj-staff");
        await page.GotoAsync("/console/#/declare");
        await Assertions.Expect(page.GetByLabel("期间")).ToHaveValueAsync("2027-Q1");
    }
}
