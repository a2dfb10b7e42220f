using System.Net;
using System.Text.Json;
using Gateway.Tests.Accounts;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>The county's agencies come from planning's registry alone: an 18th agency that the office adds
/// there reaches the gateway by planning's events, gets its staff from an administrator, declares, has its
/// visit consolidated and published, files it, and is reported on a supervision card, with no list of
/// agencies changed anywhere.</summary>
[Collection(PlatformCollection.Name)]
public sealed class An_agency_added_in_planning(PlatformFixture platform)
{
    // A quarter of its own, far ahead: no other test of the platform declares or publishes it.
    const string Period = "2027-Q2";
    const string Agency = "LY";
    const string Password = "forest rangers walk the ridge";
    HttpClient Client => platform.Client;

    [Fact]
    public async Task An_agency_the_office_adds_declares_files_and_is_reported_with_no_change_to_the_gateway()
    {
        var office = await platform.SignInAsync("office");
        var admin = await platform.SignInAsync("admin");

        // The office enters the agency with its roster, a matter of its own and an enterprise to inspect.
        await SendAsync(HttpMethod.Post, "/api/planning/agencies", office, new
        {
            code = Agency, name = "林业局", teamsPerDay = 2, yearlyVisitCapPerEnterprise = 4,
            inspectors = new[]
            {
                new { certificateNo = "33018318001", name = "林森", validFrom = "2025-01-01", validUntil = "2029-12-31" },
                new { certificateNo = "33018318002", name = "叶青", validFrom = "2025-01-01", validUntil = "2029-12-31" },
            },
        });
        await SendAsync(HttpMethod.Post, "/api/planning/matters", office, new
        {
            code = "LY-01", agencyCode = Agency, name = "林木采伐许可执行", category = "Routine", mergeable = true,
            legalBasis = "《森林法》第五十六条", yearlyCapPerEnterprise = 2, effectiveFrom = "2026-01-01",
        });
        var body = $"91330183MA21{Random.Shared.Next(100_000):D5}";
        var enterprise = body + CreditCode.CheckCharacter(body);
        await SendAsync(HttpMethod.Post, "/api/planning/enterprises", office, new
        {
            creditCode = enterprise, name = "青山木业有限公司", zone = "物流仓储区", industry = "木材加工", riskLevel = "Low", quietPeriods = Array.Empty<object>(),
        });

        // The gateway learns the agency from planning's events, as it learns enterprises.
        await Eventually.Until(() => Sql.CountAsync(platform.Platform.GatewaySettings["ConnectionStrings:gateway"], "agencies", "code = $1 AND name = '林业局'", Agency),
            n => n == 1, "the gateway knows the new agency");

        // An administrator makes its staff and the enterprise's user, who sign in.
        await Client.CreateUserAsync(admin, new { userName = "ly-lin", displayName = "林业局 林科长", role = "agency", agencyCode = Agency }, Password);
        await Client.CreateUserAsync(admin, new { userName = "qingshan", displayName = "青山木业有限公司 行政主管", role = "enterprise", creditCode = enterprise }, Password);
        var staff = await platform.SignInAsync("ly-lin", Password);
        var owner = await platform.SignInAsync("qingshan", Password);

        // The agency declares; the office consolidates the quarter and publishes it.
        await SendAsync(HttpMethod.Post, "/api/planning/declarations", staff, new
        {
            period = Period, matterCodes = new[] { "LY-01" }, creditCodes = new[] { enterprise }, windowFrom = "2027-04-12", windowTo = "2027-05-28",
            mandateLevel = "County", category = "Routine", method = "现场检查",
        });
        var run = await SendAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations", office, new { });
        await SendAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations/{run.GetProperty("summary").GetProperty("id").GetString()}/publish", office, null);
        var visit = (await SendAsync(HttpMethod.Get, $"/api/planning/periods/{Period}/plan", null, null)).GetProperty("visits").EnumerateArray()
            .Single(v => v.GetProperty("creditCode").GetString() == enterprise);
        Assert.Equal(Agency, visit.GetProperty("leadAgency").GetString());
        var (jointId, day) = (visit.GetProperty("jointId").GetString()!, DateOnly.Parse(visit.GetProperty("day").GetString()!));

        // The agency files the visit, with inspectors of the roster the office entered.
        var filingDb = platform.Platform.Databases["filing"];
        await Eventually.Until(() => Sql.CountAsync(filingDb, "scheduled_visits", "joint_id = $1", jointId), n => n == 1, "filing knows the published visit");
        await Eventually.Until(() => Sql.CountAsync(filingDb, "agency_rosters", "agency_code = $1 AND inspectors <> '[]'::jsonb", Agency), n => n == 1, "filing knows the new agency's roster");
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        var filing = await SendAsync(HttpMethod.Post, "/api/filing/filings", staff, new
        {
            jointId,
            inspectors = new[] { new { name = "林森", certificateNo = "33018318001", agencyCode = Agency }, new { name = "叶青", certificateNo = "33018318002", agencyCode = Agency } },
            windowStart = start, windowEnd = start.AddHours(3),
        });
        Assert.Equal(Agency, filing.GetProperty("leadAgency").GetString());

        // The enterprise reports the agency on a supervision card, which opens a case the office sees.
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        using var card = await Eventually.Until(() => Client.CallAsync(HttpMethod.Post, "/api/supervision/cards", owner,
                new { type = "Misconduct", agencyCode = Agency, description = "检查人员要求企业承担差旅费用", occurredOn = today }),
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, "supervision knows the new agency");
        Assert.True(card.StatusCode == HttpStatusCode.Created, await card.Content.ReadAsStringAsync());
        var cases = (await SendAsync(HttpMethod.Get, "/api/supervision/cases", office, null)).GetProperty("items").EnumerateArray();
        Assert.Contains(cases, c => c.GetProperty("agencyCode").GetString() == Agency);
    }

    async Task<JsonElement> SendAsync(HttpMethod method, string path, string? token, object? body)
    {
        using var response = await Client.CallAsync(method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
