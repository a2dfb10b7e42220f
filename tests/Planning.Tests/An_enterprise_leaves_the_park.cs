using System.Net;
using Planning.Contracts;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>An enterprise deregistered from a day: its visits from that day on are cancelled with
/// events, the earlier ones and its history stay, and nothing new is declared for it.</summary>
public sealed class An_enterprise_leaves_the_park(PlanningHost host) : IClassFixture<PlanningHost>
{
    const string Period = "2027-Q2";

    object Declaration(string enterprise, string from, string to) => new
    {
        period = Period, matterCodes = new[] { "YJ-T1" }, creditCodes = new[] { enterprise }, windowFrom = from, windowTo = to,
        mandateLevel = "County", category = "Routine", method = "现场检查",
    };

    [Fact]
    public async Task Its_visits_from_the_day_it_left_are_cancelled_with_events_and_its_history_stays()
    {
        var (e1, e2) = (host.Enterprises[0], host.Enterprises[1]);
        var client = host.Client;
        foreach (var (enterprise, from, to) in new[] { (e1, "2027-04-05", "2027-04-09"), (e1, "2027-05-10", "2027-05-14"), (e2, "2027-05-10", "2027-05-14") })
        {
            using var declared = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), Declaration(enterprise, from, to));
            Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        }
        using var run = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations", TestIdentity.Office(), new { });
        var detail = await run.JsonAsync();
        using (var publish = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations/{detail.GetProperty("summary").GetProperty("id").GetString()}/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var visits = detail.GetProperty("visits").EnumerateArray().Where(v => v.GetProperty("creditCode").GetString() == e1)
            .ToDictionary(v => v.GetProperty("day").GetString()!.Substring(5, 2), v => v.GetProperty("visitId").GetString()!);
        var (april, may) = (visits["04"], visits["05"]);

        var path = $"/api/planning/enterprises/{e1}/deregister";
        var body = new { leftOn = "2027-05-01", reason = "企业整体搬迁至外县" };
        using (var agency = await client.CallAsync(HttpMethod.Post, path, TestIdentity.Agency("YJ"), body))
            Assert.Equal(HttpStatusCode.Forbidden, agency.StatusCode);
        using (var noDay = await client.CallAsync(HttpMethod.Post, path, TestIdentity.Office(), new { reason = "搬迁" }))
            await noDay.AssertProblemAsync(HttpStatusCode.BadRequest, "leftOn");
        using (var noReason = await client.CallAsync(HttpMethod.Post, path, TestIdentity.Office(), new { leftOn = "2027-05-01" }))
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        var stranger = "91330183MA2099999" + CreditCode.CheckCharacter("91330183MA2099999");
        using (var unknown = await client.CallAsync(HttpMethod.Post, $"/api/planning/enterprises/{stranger}/deregister", TestIdentity.Office(), body))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(host.Database, "cancelled_visits"));

        using (var left = await client.CallAsync(HttpMethod.Post, path, TestIdentity.Office(), body))
        {
            var answer = await left.JsonAsync();
            Assert.Equal([may], answer.GetProperty("cancelledVisits").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal("2027-05-01", answer.GetProperty("enterprise").GetProperty("leftOn").GetString());
        }
        var cancelled = await Eventually.Until(() => Task.FromResult(host.Published.OfType<JointInspectionCancelled>().ToList()), c => c.Count == 1, "the visit is cancelled");
        Assert.Equal((may, e1), (cancelled[0].JointId, cancelled[0].CreditCode));
        var leaving = await Eventually.Until(() => Task.FromResult(host.Published.OfType<EnterpriseLeftThePark>().ToList()), l => l.Count == 1, "the enterprise leaves");
        Assert.Equal((new DateOnly(2027, 5, 1), 2), (leaving[0].LeftOn, leaving[0].Revision));

        using (var plan = await client.GetAsync($"/api/planning/periods/{Period}/plan"))
        {
            var listed = (await plan.JsonAsync()).GetProperty("visits").EnumerateArray().ToDictionary(v => v.GetProperty("jointId").GetString()!);
            Assert.Contains("搬迁", listed[may].GetProperty("cancelledBecause").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, listed[april].GetProperty("cancelledBecause").ValueKind);
        }
        using (var ledger = await client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{e1}/ledger?period={Period}", TestIdentity.Office()))
        {
            var book = await ledger.JsonAsync();
            Assert.Equal(2, book.GetProperty("declared").GetArrayLength());
            Assert.Equal([april], book.GetProperty("visits").EnumerateArray().Select(v => v.GetProperty("jointId").GetString()));
        }

        using (var after = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), Declaration(e1, "2027-05-17", "2027-05-21")))
            await after.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "creditCodes");
        using (var twice = await client.CallAsync(HttpMethod.Post, path, TestIdentity.Office(), body))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(1, await Sql.CountAsync(host.Database, "cancelled_visits"));
    }
}
