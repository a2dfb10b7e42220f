using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>An agency corrects or withdraws its declaration until the period's plan is published;
/// from then on the declaration is part of a public plan and stays as it is.</summary>
public sealed class Amending_and_withdrawing_declarations(PlanningHost host) : IClassFixture<PlanningHost>
{
    const string Declarations = "/api/planning/declarations";
    const string Consolidations = "/api/planning/periods/2026-Q4/consolidations";

    async Task<string> DeclareAsync(string agency, string matter, string from, string to, params string[] enterprises)
    {
        using var declared = await host.Client.CallAsync(HttpMethod.Post, Declarations, TestIdentity.Agency(agency), host.Declaration(agency, [matter], enterprises, from, to));
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        return (await declared.JsonAsync()).GetProperty("id").GetString()!;
    }

    async Task<JsonElement> ReadAsync(string id, string? token = null)
    {
        using var read = await host.Client.CallAsync(HttpMethod.Get, $"{Declarations}/{id}", token ?? TestIdentity.Office());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        return await read.JsonAsync();
    }

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    async Task<(string RunId, JsonElement Detail)> ConsolidateAsync()
    {
        using var run = await host.Client.CallAsync(HttpMethod.Post, Consolidations, TestIdentity.Office(), new { });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var detail = await run.JsonAsync();
        return (detail.GetProperty("summary").GetProperty("id").GetString()!, detail);
    }

    static IEnumerable<string> DeclarationsIn(JsonElement detail) =>
        detail.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("declarationId").GetString()!).Distinct();

    [Fact]
    public async Task An_amendment_raises_the_revision_keeps_the_earlier_one_and_a_withdrawn_declaration_is_not_consolidated()
    {
        var e1 = host.Enterprises[0];
        var amended = await DeclareAsync("YJ", "YJ-T1", "2026-12-01", "2026-12-04", e1);
        var withdrawn = await DeclareAsync("XF", "XF-T1", "2026-12-01", "2026-12-31", e1);

        using (var amend = await host.Client.CallAsync(HttpMethod.Put, $"{Declarations}/{amended}", TestIdentity.Agency("YJ"),
                   host.Declaration("YJ", ["YJ-T1", "YJ-T2"], [e1], "2026-12-14", "2026-12-18")))
            Assert.Equal(HttpStatusCode.OK, amend.StatusCode);
        var read = await ReadAsync(amended, TestIdentity.Agency("YJ"));
        Assert.Equal(2, read.GetProperty("revision").GetInt32());
        Assert.Equal("Declared", read.GetProperty("status").GetString());
        Assert.Equal("2026-12-14", read.GetProperty("windowFrom").GetString());
        Assert.Equal(["YJ-T1", "YJ-T2"], read.GetProperty("matterCodes").EnumerateArray().Select(m => m.GetString()));
        var earlier = await Sql.ScalarAsync<string>(host.Database, "SELECT earlier_revisions::text FROM plan_declarations WHERE id = $1", amended);
        Assert.Contains("2026-12-04", earlier);

        using (var withdraw = await host.Client.CallAsync(HttpMethod.Post, $"{Declarations}/{withdrawn}/withdraw", TestIdentity.Agency("XF"), new { reason = "与市局专项检查重复" }))
            Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        var gone = await ReadAsync(withdrawn);
        Assert.Equal("Withdrawn", gone.GetProperty("status").GetString());
        Assert.Equal("与市局专项检查重复", gone.GetProperty("withdrawalReason").GetString());
        using (var again = await host.Client.CallAsync(HttpMethod.Put, $"{Declarations}/{withdrawn}", TestIdentity.Agency("XF"),
                   host.Declaration("XF", ["XF-T1"], [e1], "2026-12-01", "2026-12-31")))
            Assert.Contains(withdrawn, (await ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var (_, detail) = await ConsolidateAsync();
        // Other tests of this class declare at other enterprises of the same period.
        Assert.Contains(amended, DeclarationsIn(detail));
        Assert.DoesNotContain(withdrawn, DeclarationsIn(detail));
        var visit = Assert.Single(detail.GetProperty("visits").EnumerateArray(), v => v.GetProperty("creditCode").GetString() == e1);
        Assert.InRange(DateOnly.Parse(visit.GetProperty("day").GetString()!), new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 18));
    }

    [Fact]
    public async Task Another_agency_can_neither_read_amend_nor_withdraw_a_declaration_and_bad_input_changes_nothing()
    {
        var e2 = host.Enterprises[1];
        var id = await DeclareAsync("YJ", "YJ-T1", "2026-12-07", "2026-12-11", e2);
        var before = await Sql.CountAsync(host.Database, "audit_entries");

        using (var read = await host.Client.CallAsync(HttpMethod.Get, $"{Declarations}/{id}", TestIdentity.Agency("XF")))
            await ProblemAsync(read, HttpStatusCode.Forbidden);
        using (var amend = await host.Client.CallAsync(HttpMethod.Put, $"{Declarations}/{id}", TestIdentity.Agency("XF"), host.Declaration("XF", ["XF-T1"], [e2], "2026-12-07", "2026-12-11")))
            await ProblemAsync(amend, HttpStatusCode.Forbidden);
        using (var withdraw = await host.Client.CallAsync(HttpMethod.Post, $"{Declarations}/{id}/withdraw", TestIdentity.Agency("XF"), new { reason = "不需要" }))
            await ProblemAsync(withdraw, HttpStatusCode.Forbidden);
        using (var missing = await host.Client.CallAsync(HttpMethod.Post, $"{Declarations}/2026-Q4-YJ-9999/withdraw", TestIdentity.Agency("YJ"), new { reason = "不需要" }))
            await ProblemAsync(missing, HttpStatusCode.NotFound);

        using (var backwards = await host.Client.CallAsync(HttpMethod.Put, $"{Declarations}/{id}", TestIdentity.Agency("YJ"), host.Declaration("YJ", ["YJ-T1"], [e2], "2026-12-11", "2026-12-07")))
            await backwards.AssertProblemAsync(HttpStatusCode.BadRequest, "windowTo");
        var otherPeriod = new { period = "2027-Q1", matterCodes = new[] { "YJ-T1" }, creditCodes = new[] { e2 }, windowFrom = "2027-01-04", windowTo = "2027-01-08", mandateLevel = "County", category = "Routine", method = "现场检查" };
        using (var moved = await host.Client.CallAsync(HttpMethod.Put, $"{Declarations}/{id}", TestIdentity.Agency("YJ"), otherPeriod))
            await moved.AssertProblemAsync(HttpStatusCode.BadRequest, "period");
        using (var unknown = await host.Client.CallAsync(HttpMethod.Put, $"{Declarations}/{id}", TestIdentity.Agency("YJ"), host.Declaration("YJ", ["YJ-T9"], [e2], "2026-12-07", "2026-12-11")))
            await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "matterCodes");
        using (var noReason = await host.Client.CallAsync(HttpMethod.Post, $"{Declarations}/{id}/withdraw", TestIdentity.Agency("YJ"), new { reason = "  " }))
            await noReason.AssertProblemAsync(HttpStatusCode.BadRequest, "reason");

        var read2 = await ReadAsync(id, TestIdentity.Agency("YJ"));
        Assert.Equal(1, read2.GetProperty("revision").GetInt32());
        Assert.Equal("Declared", read2.GetProperty("status").GetString());
        Assert.Equal(before, await Sql.CountAsync(host.Database, "audit_entries"));
    }

    [Fact]
    public async Task A_declaration_changed_after_the_run_holds_the_publication_and_a_published_one_is_fixed()
    {
        var e3 = host.Enterprises[2];
        var id = await DeclareAsync("SJ", "SJ-T1", "2026-12-01", "2026-12-31", e3);
        var (stale, _) = await ConsolidateAsync();
        using (var amend = await host.Client.CallAsync(HttpMethod.Put, $"{Declarations}/{id}", TestIdentity.Agency("SJ"), host.Declaration("SJ", ["SJ-T1"], [e3], "2026-12-21", "2026-12-31")))
            Assert.Equal(HttpStatusCode.OK, amend.StatusCode);
        using (var publish = await host.Client.CallAsync(HttpMethod.Post, $"{Consolidations}/{stale}/publish", TestIdentity.Office()))
            Assert.Contains(id, (await ProblemAsync(publish, HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var (fresh, _) = await ConsolidateAsync();
        using (var publish = await host.Client.CallAsync(HttpMethod.Post, $"{Consolidations}/{fresh}/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var read = await ReadAsync(id, TestIdentity.Agency("SJ"));
        Assert.Equal("Consolidated", read.GetProperty("status").GetString());
        Assert.Equal(fresh, read.GetProperty("publishedIn").GetProperty("consolidationId").GetString());

        using (var withdraw = await host.Client.CallAsync(HttpMethod.Post, $"{Declarations}/{id}/withdraw", TestIdentity.Agency("SJ"), new { reason = "计划调整" }))
            Assert.Contains("published plan", (await ProblemAsync(withdraw, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        using (var amend = await host.Client.CallAsync(HttpMethod.Put, $"{Declarations}/{id}", TestIdentity.Agency("SJ"), host.Declaration("SJ", ["SJ-T1"], [e3], "2026-12-01", "2026-12-31")))
            await ProblemAsync(amend, HttpStatusCode.Conflict);
        var after = await ReadAsync(id);
        Assert.Equal(2, after.GetProperty("revision").GetInt32());
        Assert.Equal("Consolidated", after.GetProperty("status").GetString());
    }
}
