using System.Net;
using System.Text.Json;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>补充计划: declarations made after the plan is published are consolidated against it without
/// moving a published visit, and published as numbered supplements with their own events.</summary>
public sealed class Supplementary_plans(PlanningHost host) : IClassFixture<PlanningHost>
{
    const string Supplements = "/api/planning/periods/2026-Q4/supplements";

    async Task<string> DeclareAsync(string agency, string matter, string enterprise, string from, string to)
    {
        using var declared = await host.Client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency(agency), host.Declaration(agency, [matter], [enterprise], from, to));
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        return (await declared.JsonAsync()).GetProperty("id").GetString()!;
    }

    async Task<JsonElement> RunAsync()
    {
        using var run = await host.Client.CallAsync(HttpMethod.Post, Supplements, TestIdentity.Office());
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        return await run.JsonAsync();
    }

    static string Id(JsonElement detail) => detail.GetProperty("summary").GetProperty("id").GetString()!;

    [Fact]
    public async Task Late_declarations_ride_in_published_visits_or_get_new_ones_in_numbered_supplements()
    {
        var (e1, e2, e3) = (host.Enterprises[0], host.Enterprises[1], host.Enterprises[2]);
        var client = host.Client;
        using (var early = await client.CallAsync(HttpMethod.Post, Supplements, TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await DeclareAsync("XF", "XF-T1", e1, "2026-12-07", "2026-12-11");
        await DeclareAsync("SJ", "SJ-T1", e1, "2026-12-08", "2026-12-31");
        await DeclareAsync("YJ", "YJ-T2", e2, "2026-12-01", "2026-12-18");
        using var run = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { });
        var plan = await run.JsonAsync();
        using (var publish = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{Id(plan)}/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var joint = plan.GetProperty("visits").EnumerateArray().Single(v => v.GetProperty("creditCode").GetString() == e1);
        var (jointId, jointDay) = (joint.GetProperty("visitId").GetString()!, joint.GetProperty("day").GetString()!);
        using (var nothing = await client.CallAsync(HttpMethod.Post, Supplements, TestIdentity.Office()))
            await nothing.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "period");

        // After publication: YJ's mergeable matter at E1 fits the published joint visit; XF at E3 needs a visit of its own.
        var rider = await DeclareAsync("YJ", "YJ-T1", e1, "2026-12-01", "2026-12-31");
        await DeclareAsync("XF", "XF-T1", e3, "2026-12-14", "2026-12-18");
        using (var agency = await client.CallAsync(HttpMethod.Post, Supplements, TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.Forbidden, agency.StatusCode);
        var draft = await RunAsync();
        var changed = Assert.Single(draft.GetProperty("changedVisits").EnumerateArray());
        Assert.Equal(jointId, changed.GetProperty("visitId").GetString());
        Assert.Equal(jointDay, changed.GetProperty("day").GetString());
        Assert.Equal(["SJ", "XF", "YJ"], changed.GetProperty("agencies").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(e3, Assert.Single(draft.GetProperty("newVisits").EnumerateArray()).GetProperty("creditCode").GetString());
        Assert.Contains(draft.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("declarationId").GetString() == rider && d.GetProperty("outcome").GetString() == "RodeInPublished");

        var outbox = await Sql.CountAsync(host.Database, "outbox_messages");
        using (var published = await client.CallAsync(HttpMethod.Post, $"{Supplements}/{Id(draft)}/publish", TestIdentity.Office()))
            Assert.Equal(1, (await published.JsonAsync()).GetProperty("summary").GetProperty("number").GetInt32());
        // The supplement and its two visits: the changed one sent again under its id and day, and the new one.
        Assert.Equal(outbox + 3, await Sql.CountAsync(host.Database, "outbox_messages"));
        var supplemented = await Eventually.Until(() => Task.FromResult(host.Published.OfType<PlanSupplemented>().ToList()), s => s.Count == 1, "the supplement is published");
        Assert.Equal([jointId], supplemented[0].ChangedJointIds);
        var resent = await Eventually.Until(() => Task.FromResult(host.Published.OfType<JointInspectionScheduled>().Where(j => j.JointId == jointId).ToList()),
            j => j.Count == 2, "the changed visit is scheduled again");
        Assert.All(resent, j => Assert.Equal(DateOnly.Parse(jointDay), j.Day));
        Assert.Contains(resent, j => j.Agencies.Any(a => a.AgencyCode == "YJ"));
        using (var again = await client.CallAsync(HttpMethod.Post, $"{Supplements}/{Id(draft)}/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(outbox + 3, await Sql.CountAsync(host.Database, "outbox_messages"));

        using (var read = await client.CallAsync(HttpMethod.Get, $"/api/planning/declarations/{rider}", TestIdentity.Agency("YJ")))
        {
            var declaration = await read.JsonAsync();
            Assert.Equal("Consolidated", declaration.GetProperty("status").GetString());
            Assert.Equal(1, declaration.GetProperty("publishedIn").GetProperty("supplement").GetInt32());
        }
        using (var withdraw = await client.CallAsync(HttpMethod.Post, $"/api/planning/declarations/{rider}/withdraw", TestIdentity.Agency("YJ"), new { reason = "计划调整" }))
            Assert.Equal(HttpStatusCode.Conflict, withdraw.StatusCode);

        using (var list = await client.GetAsync("/api/planning/periods/2026-Q4/plan"))
        {
            var body = await list.JsonAsync();
            var visits = body.GetProperty("visits").EnumerateArray().ToList();
            Assert.Equal(3, visits.Count);
            Assert.Equal(1, visits.Single(v => v.GetProperty("jointId").GetString() == jointId).GetProperty("changedBySupplement").GetInt32());
            Assert.Equal(1, visits.Single(v => v.GetProperty("creditCode").GetString() == e3).GetProperty("supplement").GetInt32());
            Assert.Equal(1, Assert.Single(body.GetProperty("supplements").EnumerateArray()).GetProperty("number").GetInt32());
        }

        // Two drafts of the next supplement: publishing one makes the other stale.
        await DeclareAsync("YJ", "YJ-T1", e2, "2026-12-01", "2026-12-18");
        var (first, second) = (await RunAsync(), await RunAsync());
        using (var publish = await client.CallAsync(HttpMethod.Post, $"{Supplements}/{Id(second)}/publish", TestIdentity.Office()))
            Assert.Equal(2, (await publish.JsonAsync()).GetProperty("summary").GetProperty("number").GetInt32());
        using (var stale = await client.CallAsync(HttpMethod.Post, $"{Supplements}/{Id(first)}/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        // YJ's item rode in YJ's own published solo visit at E2: no new visit.
        Assert.Equal(0, second.GetProperty("summary").GetProperty("figures").GetProperty("newVisits").GetInt32());
    }
}
