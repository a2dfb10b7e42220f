using System.Net;
using MiniExcelLibs;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>Three agencies declare December's inspections at two enterprises; the office
/// consolidates, reviews and publishes; the plan's visits leave as events, once.</summary>
public sealed class Declaring_consolidating_and_publishing : IClassFixture<PlanningHost>
{
    readonly PlanningHost _host;

    public Declaring_consolidating_and_publishing(PlanningHost host) => _host = host;

    [Fact]
    public async Task Declarations_become_the_fewest_visits_and_publishing_twice_publishes_once()
    {
        var (e1, e2) = (_host.Enterprises[0], _host.Enterprises[1]);
        var client = _host.Client;
        // YJ declares a mergeable and a non-mergeable matter, XF and SJ mergeable ones, and YJ the
        // same matter again at E1 under a central mandate, overlapping: one inspection of it.
        foreach (var (agency, body) in new[]
        {
            ("YJ", _host.Declaration("YJ", ["YJ-T1", "YJ-T2"], [e1, e2], "2026-12-01", "2026-12-18")),
            ("XF", _host.Declaration("XF", ["XF-T1"], [e1, e2], "2026-12-07", "2026-12-11", "Provincial")),
            ("SJ", _host.Declaration("SJ", ["SJ-T1"], [e1], "2026-12-08", "2026-12-31", "Municipal")),
            ("YJ", _host.Declaration("YJ", ["YJ-T1"], [e1], "2026-12-10", "2026-12-20", "Central")),
        })
        {
            using var declared = await client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency(agency), body);
            Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        }

        using var run = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var detail = await run.JsonAsync();
        var figures = detail.GetProperty("summary").GetProperty("figures");
        Assert.Equal(6, figures.GetProperty("declaredVisits").GetInt32());
        Assert.Equal(4, figures.GetProperty("visits").GetInt32());
        Assert.Equal(4, figures.GetProperty("lowerBound").GetInt32());
        Assert.Equal(0, figures.GetProperty("gap").GetInt32());
        Assert.Equal(0.3333, figures.GetProperty("reductionRate").GetDouble(), 4);
        var decisions = detail.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Contains(decisions, d => d.GetProperty("reason").GetString() == "DuplicateOfSameMatter" && d.GetProperty("declarationId").GetString() == "2026-Q4-YJ-0001");
        Assert.Contains(decisions, d => d.GetProperty("reason").GetString() == "NonMergeable" && d.GetProperty("matterCode").GetString() == "YJ-T2");
        var joint = detail.GetProperty("visits").EnumerateArray().Single(v => v.GetProperty("creditCode").GetString() == e1 && v.GetProperty("kind").GetString() == "Joint");
        Assert.Equal("YJ", joint.GetProperty("leadAgency").GetString()); // it carries the central mandate
        var id = detail.GetProperty("summary").GetProperty("id").GetString();
        var jointId = joint.GetProperty("visitId").GetString();

        // The office pins the joint visit, then consolidates again keeping it: it stays as it is.
        using (var pin = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{id}/visits/{jointId}/pin", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.OK, pin.StatusCode);
        using (var move = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{id}/visits/{jointId}/move", TestIdentity.Office(), new { day = "2026-12-11" }))
            Assert.Equal(HttpStatusCode.Conflict, move.StatusCode);
        using (var rerun = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { keepPinnedFrom = id }))
        {
            var rerunDetail = await rerun.JsonAsync();
            Assert.Equal([jointId], rerunDetail.GetProperty("summary").GetProperty("pinnedVisits").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(joint.ToString(), rerunDetail.GetProperty("visits").EnumerateArray().Single(v => v.GetProperty("visitId").GetString() == jointId).ToString());
            Assert.Equal(4, rerunDetail.GetProperty("summary").GetProperty("figures").GetProperty("visits").GetInt32());
        }

        using var published = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{id}/publish", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        await Eventually.Until(() => Task.FromResult(_host.Published.Count), n => n == 5, "the plan and its four visits are published");
        Assert.Single(_host.Published.OfType<PlanPublished>());
        Assert.Equal(4, _host.Published.OfType<JointInspectionScheduled>().Select(j => j.JointId).Distinct().Count());
        Assert.Contains(_host.Published.OfType<JointInspectionScheduled>(), j => j.Solo && j.Agencies.Single().AgencyCode == "YJ");

        var outbox = await Sql.CountAsync(_host.Database, "outbox_messages");
        using var again = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{id}/publish", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // Its events would have been written with it: none, and whatever was written is published and seen.
        Assert.Equal(outbox, await Sql.CountAsync(_host.Database, "outbox_messages"));
        await _host.QuietAsync();
        Assert.Equal(5, _host.Published.Count);

        using var plan = await client.GetAsync("/api/planning/periods/2026-Q4/plan");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var visits = (await plan.JsonAsync()).GetProperty("visits").EnumerateArray().ToList();
        Assert.Equal(4, visits.Count);
        Assert.All(visits, v => Assert.StartsWith("测试企业", v.GetProperty("enterpriseName").GetString()));

        using var xlsx = await client.GetAsync("/api/planning/periods/2026-Q4/plan?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var rows = (await xlsx.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["序号", "企业名称", "统一社会信用代码", "检查日期", "检查方式", "牵头单位", "参与单位", "检查事项", "检查编号", "来源"], rows[0].Keys);
        Assert.Contains(rows, r => (string)r["检查方式"] == "联合检查" && ((string)r["参与单位"]).Contains("消防救援大队"));

        using var ledger = await client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{e1}/ledger?period=2026-Q4", TestIdentity.Enterprise(e1));
        var book = await ledger.JsonAsync();
        Assert.Equal(4, book.GetProperty("declaredVisits").GetInt32());
        Assert.Equal(2, book.GetProperty("visitsAfter").GetInt32());

        // What actually happened joins the ledger when filing reports the inspection completed.
        await _host.Bus.Publish(new Filing.Contracts.InspectionCompleted("BA2026-YJ-00001", jointId, e1, "YJ", ["YJ", "XF", "SJ"], true,
            [new Filing.Contracts.Finding("YJ-T1", "YJ", "未张贴安全周知卡", 1, true, null, false)], DateTimeOffset.Parse("2026-12-10T01:00:00Z"), DateTimeOffset.Parse("2026-12-10T03:00:00Z")));
        var happened = await Eventually.Until(async () => await (await client.CallAsync(HttpMethod.Get, $"/api/planning/enterprises/{e1}/ledger?period=2026-Q4", TestIdentity.Office())).JsonAsync(),
            l => l.GetProperty("inspectionsHappened").GetInt32() == 1, "the ledger shows the completed inspection");
        Assert.Equal(1, happened.GetProperty("happened")[0].GetProperty("rectifiedOnTheSpot").GetInt32());

        using var otherRun = await client.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { });
        var otherId = (await otherRun.JsonAsync()).GetProperty("summary").GetProperty("id").GetString();
        // Publishing the first run superseded the rerun made before it; a new run cannot replace the plan either.
        using var conflict = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{otherId}/publish", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }
}
