using System.Net;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>不必要事项取消: the office cancels declared items with a reason; they are never visits, the
/// merge log names them, and the reduction rate says how much came from cancelling and how much from merging.</summary>
public sealed class Cancelling_unnecessary_items(PlanningHost host) : IClassFixture<PlanningHost>
{
    const string Cancellations = "/api/planning/periods/2026-Q4/cancellations";

    async Task<string> DeclareAsync(string agency, string[] matters, string[] enterprises, string from, string to, string period = "2026-Q4")
    {
        var body = new { period, matterCodes = matters, creditCodes = enterprises, windowFrom = from, windowTo = to, mandateLevel = "County", category = "Routine", method = "现场检查" };
        using var declared = await host.Client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency(agency), body);
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        return (await declared.JsonAsync()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Cancelled_items_are_not_visits_and_the_reduction_splits_into_cancelling_and_merging()
    {
        var (e1, e2) = (host.Enterprises[0], host.Enterprises[1]);
        var client = host.Client;
        var yj = await DeclareAsync("YJ", ["YJ-T1", "YJ-T2"], [e1, e2], "2026-12-01", "2026-12-18");
        var xf = await DeclareAsync("XF", ["XF-T1"], [e1], "2026-12-07", "2026-12-11");
        var sj = await DeclareAsync("SJ", ["SJ-T1"], [e2], "2026-12-01", "2026-12-31");

        using (var all = await client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = sj, reason = "已纳入省级专项检查" }))
            Assert.Equal(HttpStatusCode.Created, all.StatusCode);
        using (var one = await client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = yj, matterCode = "YJ-T2", creditCode = e1, reason = "企业已停用该装置" }))
            Assert.Single((await one.JsonAsync()).EnumerateArray());
        using (var list = await client.CallAsync(HttpMethod.Get, Cancellations, TestIdentity.Office()))
            Assert.Equal(2, (await list.JsonAsync()).GetArrayLength());
        using (var own = await client.CallAsync(HttpMethod.Get, Cancellations, TestIdentity.Agency("SJ")))
            Assert.Equal(sj, Assert.Single((await own.JsonAsync()).EnumerateArray()).GetProperty("declarationId").GetString());
        using (var none = await client.CallAsync(HttpMethod.Get, Cancellations, TestIdentity.Agency("XF")))
            Assert.Equal(0, (await none.JsonAsync()).GetArrayLength());

        using var run = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { });
        var detail = await run.JsonAsync();
        var figures = detail.GetProperty("summary").GetProperty("figures");
        // Declared: YJ at E1 and E2, XF at E1, SJ at E2. SJ's only item is cancelled (one visit saved by
        // cancelling); E1's joint visit and E2's solo visit of YJ remain (one saved by merging).
        Assert.Equal(4, figures.GetProperty("declaredVisits").GetInt32());
        Assert.Equal(2, figures.GetProperty("visits").GetInt32());
        Assert.Equal(2, figures.GetProperty("cancelledItems").GetInt32());
        Assert.Equal(0.5, figures.GetProperty("reductionRate").GetDouble(), 4);
        Assert.Equal(0.25, figures.GetProperty("reductionByCancelling").GetDouble(), 4);
        Assert.Equal(0.25, figures.GetProperty("reductionByMerging").GetDouble(), 4);
        var cancelled = detail.GetProperty("decisions").EnumerateArray().Where(d => d.GetProperty("outcome").GetString() == "Cancelled").ToList();
        Assert.Equal(2, cancelled.Count);
        Assert.Contains(cancelled, d => d.GetProperty("matterCode").GetString() == "YJ-T2" && d.GetProperty("creditCode").GetString() == e1
            && d.GetProperty("reason").GetString() == "Unnecessary" && d.GetProperty("explanation").GetString()!.Contains("企业已停用该装置"));
        Assert.DoesNotContain(detail.GetProperty("visits").EnumerateArray(), v => v.GetProperty("creditCode").GetString() == e1
            && v.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("matterCode").GetString() == "YJ-T2"));
        Assert.DoesNotContain(detail.GetProperty("visits").EnumerateArray(), v => v.GetProperty("agencies").EnumerateArray().Any(a => a.GetString() == "SJ"));

        // A cancellation made after the run holds its publication back.
        var id = detail.GetProperty("summary").GetProperty("id").GetString();
        using (var late = await client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = xf, reason = "与联合检查重复" }))
            Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        using (var stale = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{id}/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var again = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { });
        var fresh = (await again.JsonAsync()).GetProperty("summary");
        using (var publish = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{fresh.GetProperty("id").GetString()}/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var published = await Eventually.Until(() => Task.FromResult(host.Published.OfType<PlanPublished>().ToList()), p => p.Count == 1, "the plan is published");
        Assert.Equal(3, published[0].CancelledItems);
        Assert.Equal(fresh.GetProperty("figures").GetProperty("reductionByCancelling").GetDouble(), published[0].ReductionByCancelling);
        Assert.Equal(published[0].ReductionRate, published[0].ReductionByMerging!.Value + published[0].ReductionByCancelling!.Value, 4);

        using (var plan = await client.GetAsync("/api/planning/periods/2026-Q4/plan"))
            Assert.Equal(3, (await plan.JsonAsync()).GetProperty("figures").GetProperty("cancelledItems").GetInt32());
        using (var fixedNow = await client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = yj, reason = "计划调整" }))
            Assert.Equal(HttpStatusCode.Conflict, fixedNow.StatusCode);
    }

    [Fact]
    public async Task Only_the_office_cancels_declared_items_with_a_reason_and_bad_input_stores_nothing()
    {
        var e3 = host.Enterprises[2];
        // Another period than the other test's, whose figures count every cancellation of theirs.
        const string Cancellations = "/api/planning/periods/2027-Q1/cancellations";
        var id = await DeclareAsync("YJ", ["YJ-T1"], [e3], "2027-01-04", "2027-01-29", "2027-Q1");
        var before = await Sql.CountAsync(host.Database, "cancellations");

        using (var agency = await host.Client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Agency("YJ"), new { declarationId = id, reason = "不需要" }))
            Assert.Equal(HttpStatusCode.Forbidden, agency.StatusCode);
        using (var noReason = await host.Client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = id }))
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "reason");
        using (var unknown = await host.Client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = "2027-Q1-YJ-9999", reason = "不需要" }))
            await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "declarationId");
        using (var otherMatter = await host.Client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = id, matterCode = "XF-T1", reason = "不需要" }))
            await otherMatter.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "matterCode");
        using (var otherEnterprise = await host.Client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = id, creditCode = host.Enterprises[0], reason = "不需要" }))
            await otherEnterprise.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "creditCode");
        Assert.Equal(before, await Sql.CountAsync(host.Database, "cancellations"));

        using (var first = await host.Client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = id, reason = "不需要" }))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using (var twice = await host.Client.CallAsync(HttpMethod.Post, Cancellations, TestIdentity.Office(), new { declarationId = id, reason = "不需要" }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(before + 1, await Sql.CountAsync(host.Database, "cancellations"));
    }
}
