using System.Net;
using MiniExcelLibs;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>公开 at the detail the office chooses: a plan published "by the month" shows anyone (and the
/// enterprises) the month of each visit, never its day; officials still see the day.</summary>
public sealed class A_plan_published_by_the_month(PlanningHost host) : IClassFixture<PlanningHost>
{
    const string Period = "2027-Q2";

    [Fact]
    public async Task Anyone_sees_the_month_of_each_visit_and_officials_the_day()
    {
        var client = host.Client;
        using (var declared = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), new
               {
                   period = Period, matterCodes = new[] { "YJ-T1" }, creditCodes = host.Enterprises, windowFrom = "2027-04-12", windowTo = "2027-05-28",
                   mandateLevel = "County", category = "Routine", method = "现场检查",
               }))
            Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        using var run = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations", TestIdentity.Office(), new { });
        var id = (await run.JsonAsync()).GetProperty("summary").GetProperty("id").GetString();

        using (var bad = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations/{id}/publish", TestIdentity.Office(), new { publicDetail = "Week" }))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var published = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations/{id}/publish", TestIdentity.Office(), new { publicDetail = "Month" }))
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        foreach (var reader in new[] { null, TestIdentity.Enterprise(host.Enterprises[0]) })
        {
            using var plan = await client.CallAsync(HttpMethod.Get, $"/api/planning/periods/{Period}/plan", reader);
            var body = await plan.JsonAsync();
            Assert.Equal("Month", body.GetProperty("publicDetail").GetString());
            var visits = body.GetProperty("visits").EnumerateArray().ToList();
            Assert.NotEmpty(visits);
            Assert.All(visits, v => Assert.Equal(System.Text.Json.JsonValueKind.Null, v.GetProperty("day").ValueKind));
            Assert.All(visits, v => Assert.Matches(@"^2027-0[45]$", v.GetProperty("month").GetString()));
        }
        using (var xlsx = await client.GetAsync($"/api/planning/periods/{Period}/plan?format=xlsx"))
        {
            var rows = (await xlsx.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Matches(@"^2027-0[45]$", (string)r["检查日期"]));
        }
        foreach (var official in new[] { TestIdentity.Office(), TestIdentity.Agency("YJ") })
        {
            using var plan = await client.CallAsync(HttpMethod.Get, $"/api/planning/periods/{Period}/plan", official);
            Assert.All((await plan.JsonAsync()).GetProperty("visits").EnumerateArray(),
                v => Assert.StartsWith(v.GetProperty("month").GetString()!, v.GetProperty("day").GetString()));
        }
    }
}
