using System.Net;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>Random draws are public and re-runnable; declarations can take their targets from a draw;
/// an enterprise's ledger is for the enterprise and the office only.</summary>
public sealed class Draws_and_ledgers : IClassFixture<PlanningHost>
{
    readonly PlanningHost _host;

    public Draws_and_ledgers(PlanningHost host) => _host = host;

    async Task GiveRosterAsync(string agency)
    {
        using var response = await _host.Client.CallAsync(HttpMethod.Put, $"/api/planning/agencies/{agency}", TestIdentity.Office(), new
        {
            inspectors = Enumerable.Range(1, 5).Select(i => new { certificateNo = $"3301830{i}001", name = $"检查员{i}", validFrom = "2020-01-01", validUntil = "2099-12-31" }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_draw_is_public_reproducible_and_can_be_declared_for()
    {
        await GiveRosterAsync("YJ");
        var client = _host.Client;
        using (var committed = await client.CallAsync(HttpMethod.Post, "/api/planning/draws/commitments", TestIdentity.Office(), new { period = "2030-Q1" }))
            Assert.True(committed.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        using var drawn = await client.CallAsync(HttpMethod.Post, "/api/planning/draws", TestIdentity.Agency("YJ"), new
        {
            period = "2030-Q1", matterCodes = new[] { "YJ-T1" }, enterpriseCount = 2, inspectorCount = 2,
            recusals = new[] { new { certificateNo = "33018301001", creditCode = _host.Enterprises[0] } },
        });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var draw = await drawn.JsonAsync();
        var id = draw.GetProperty("id").GetString();
        Assert.Equal(2, draw.GetProperty("enterprises").GetArrayLength());
        Assert.Equal(3, draw.GetProperty("pool").GetArrayLength());

        using var shown = await client.GetAsync($"/api/planning/draws/{id}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        // The shuffle re-runs from the published seed at once; the seed's origin once the quarter is over.
        using var check = await client.GetAsync($"/api/planning/draws/{id}/check");
        Assert.Equal(draw.GetProperty("enterprises").EnumerateArray().Select(e => e.GetString()), (await check.JsonAsync()).GetProperty("enterprises").EnumerateArray().Select(e => e.GetString()));

        using var declared = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), new
        {
            period = "2030-Q1", matterCodes = new[] { "YJ-T1" }, drawId = id, windowFrom = "2030-01-07", windowTo = "2030-01-18",
            mandateLevel = "County", category = "Routine", method = "双随机现场检查",
        });
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        Assert.Equal(draw.GetProperty("enterprises").EnumerateArray().Select(e => e.GetString()),
            (await declared.JsonAsync()).GetProperty("creditCodes").EnumerateArray().Select(e => e.GetString()));

        using var foreign = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("XF"), new
        {
            period = "2026-Q4", matterCodes = new[] { "XF-T1" }, drawId = id, windowFrom = "2026-12-01", windowTo = "2026-12-10",
            mandateLevel = "County", category = "Routine", method = "现场检查",
        });
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var forAnother = await client.CallAsync(HttpMethod.Post, "/api/planning/draws", TestIdentity.Agency("YJ"), new { agencyCode = "XF", period = "2030-Q1", matterCodes = new[] { "XF-T1" }, enterpriseCount = 1, inspectorCount = 2 });
        Assert.Equal(HttpStatusCode.Forbidden, forAnother.StatusCode);
        using var tooMany = await client.CallAsync(HttpMethod.Post, "/api/planning/draws", TestIdentity.Agency("YJ"), new { period = "2030-Q1", matterCodes = new[] { "YJ-T2" }, enterpriseCount = 99, inspectorCount = 2 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
    }

    [Fact]
    public async Task An_enterprise_sees_its_own_ledger_and_no_other()
    {
        var (mine, other) = (_host.Enterprises[0], _host.Enterprises[1]);
        using var own = await _host.Client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{mine}/ledger?period=2026-Q4", TestIdentity.Enterprise(mine));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(mine, (await own.JsonAsync()).GetProperty("creditCode").GetString());
        using var theirs = await _host.Client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{other}/ledger?period=2026-Q4", TestIdentity.Enterprise(mine));
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        using var agency = await _host.Client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{mine}/ledger?period=2026-Q4", TestIdentity.Agency("YJ"));
        Assert.Equal(HttpStatusCode.Forbidden, agency.StatusCode);
        using var office = await _host.Client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{other}/ledger?period=2026-Q4", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.OK, office.StatusCode);
        using var badPeriod = await _host.Client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{mine}/ledger?period=Q4", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
    }
}
