using System.Net;
using System.Text.Json;
using Supervision.Contracts;
using TestInfrastructure;
using Tolerance.Contracts;
using Xunit;

namespace Supervision.Tests;

/// <summary>Enterprises rate the inspections they received, once; agencies read their ratings without
/// learning who rated; the office publishes a case-mix adjusted ranking once the period is over, which
/// is then public and fixed.</summary>
public sealed class Evaluations_and_rankings : IAsyncLifetime
{
    readonly SupervisionHost _host = new(new Dictionary<string, string> { ["Supervision:RankingMinimumSample"] = "2" });
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    async Task<HttpStatusCode> RateAsync(string enterprise, string filingNo, int score, string? comment = null)
    {
        using var response = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/evaluations", TestIdentity.Enterprise(enterprise),
            new { filingNo, procedure = score, efficiency = score, attitude = score, integrity = score, comment });
        return response.StatusCode;
    }

    [Fact]
    public async Task Ratings_are_given_once_read_anonymously_and_ranked_within_outcome_strata()
    {
        var day = SupervisionHost.At("2026-11-10T09:00");
        await _host.InspectAsync("BA2026-YJ-00001", SupervisionHost.E1, ["YJ"], day, day.AddDays(1));
        await _host.InspectAsync("BA2026-YJ-00002", SupervisionHost.E2, ["YJ"], day, day.AddDays(1), findings: 1);
        await _host.InspectAsync("BA2026-YJ-00003", SupervisionHost.E3, ["YJ"], day, day.AddDays(1));
        await _host.InspectAsync("BA2026-SJ-00001", SupervisionHost.E1, ["SJ"], day, day.AddDays(2));
        await _host.InspectAsync("BA2026-SJ-00002", SupervisionHost.E2, ["SJ"], day, day.AddDays(2));
        await _host.InspectAsync("BA2026-XF-00001", SupervisionHost.E3, ["XF"], day, day.AddDays(3));
        await _host.InspectAsync("BA2026-XF-00002", SupervisionHost.E3, ["XF"], day);   // filed, not yet carried out
        await _host.Bus.Publish(new ToleranceDecisionIssued(Guid.NewGuid(), "BA2026-YJ-00002", 0, SupervisionHost.E2, "YJ", "YJ-01", DecisionKind.NotTolerated, null, null, 1, null, day.AddDays(1)));
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections", "completed_at IS NOT NULL AND filed_at IS NOT NULL"), n => n == 6, "the inspections are known");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "decisions"), n => n == 1, "the penalty is known");

        var (_, pending) = await _host.GetAsync("/api/supervision/evaluations/pending", TestIdentity.Enterprise(SupervisionHost.E1));
        Assert.Equal(["BA2026-SJ-00001", "BA2026-YJ-00001"], JsonDocument.Parse(pending).RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("filingNo").GetString()).Order());
        Assert.Equal(HttpStatusCode.Created, await RateAsync(SupervisionHost.E1, "BA2026-YJ-00001", 5, "提前告知，检查高效"));
        var (_, left) = await _host.GetAsync("/api/supervision/evaluations/pending", TestIdentity.Enterprise(SupervisionHost.E1));
        Assert.Equal(["BA2026-SJ-00001"], JsonDocument.Parse(left).RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("filingNo").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, await RateAsync(SupervisionHost.E1, "BA2026-YJ-00001", 1));
        Assert.Equal(HttpStatusCode.NotFound, await RateAsync(SupervisionHost.E2, "BA2026-YJ-00001", 1));   // not its inspection
        Assert.Equal(HttpStatusCode.NotFound, await RateAsync(SupervisionHost.E3, "BA2026-XF-00002", 5));   // not carried out yet
        Assert.Equal(HttpStatusCode.Created, await RateAsync(SupervisionHost.E2, "BA2026-YJ-00002", 2, "处罚过重"));
        Assert.Equal(1, await Sql.CountAsync(_host.Database, "evaluations", "credit_code = $1", SupervisionHost.E1));

        // Two ratings in the quarter: too few for the agency to read them without pointing at their enterprises.
        var (_, few) = await _host.GetAsync("/api/supervision/evaluations?period=2026-Q4", TestIdentity.Agency("YJ"));
        var fewView = JsonDocument.Parse(few).RootElement;
        Assert.Equal(2, fewView.GetProperty("ratings").GetInt32());
        Assert.Equal(0, fewView.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, fewView.GetProperty("score").ValueKind);

        Assert.Equal(HttpStatusCode.Created, await RateAsync(SupervisionHost.E3, "BA2026-YJ-00003", 5));
        Assert.Equal(HttpStatusCode.Created, await RateAsync(SupervisionHost.E1, "BA2026-SJ-00001", 4));
        Assert.Equal(HttpStatusCode.Created, await RateAsync(SupervisionHost.E2, "BA2026-SJ-00002", 4));
        Assert.Equal(HttpStatusCode.Created, await RateAsync(SupervisionHost.E3, "BA2026-XF-00001", 3));

        var (_, yj) = await _host.GetAsync("/api/supervision/evaluations?period=2026-Q4", TestIdentity.Agency("YJ"));
        var yjView = JsonDocument.Parse(yj).RootElement;
        Assert.Equal(3, yjView.GetProperty("ratings").GetInt32());
        Assert.Equal(4.0, yjView.GetProperty("score").GetDouble(), 10);
        Assert.Equal(["处罚过重", null, "提前告知，检查高效"], yjView.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("comment").GetString()));
        foreach (var secret in new[] { SupervisionHost.E1, SupervisionHost.E2, SupervisionHost.E3, "BA2026-YJ", "ratedAt" })
            Assert.DoesNotContain(secret, yj);
        var (_, own) = await _host.GetAsync("/api/supervision/evaluations", TestIdentity.Enterprise(SupervisionHost.E1));
        Assert.Equal(2, JsonDocument.Parse(own).RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.GetAsync("/api/supervision/evaluations", TestIdentity.Agency("YJ"))).Status);

        // No findings: 5, 5, 4, 4, 3 → 21/5; penalty: 2. County mean 23/6.
        // YJ: +0.8, 0, +0.8 → 23/6 + 8/15 = 131/30; SJ: −0.2, −0.2 → 109/30; XF: one rating, not ranked.
        // Raw means are equal (4 and 4); adjusted, YJ's penalty visit no longer drags it down.
        var (draftStatus, draft) = await _host.GetAsync("/api/supervision/rankings/2026-Q4/draft", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.OK, draftStatus);
        var lines = JsonDocument.Parse(draft).RootElement.GetProperty("agencies").EnumerateArray().ToList();
        Assert.Equal(["YJ", "SJ", "XF"], lines.Select(l => l.GetProperty("agencyCode").GetString()));
        Assert.Equal(Math.Round(131.0 / 30, 4), lines[0].GetProperty("adjustedMean").GetDouble(), 4);
        Assert.Equal(Math.Round(109.0 / 30, 4), lines[1].GetProperty("adjustedMean").GetDouble(), 4);
        Assert.Equal([1, 2], lines.Take(2).Select(l => l.GetProperty("rank").GetInt32()));
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("rank").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.GetAsync("/api/supervision/rankings/2026-Q4/draft", TestIdentity.Agency("YJ"))).Status);

        // Not before the quarter is over; then once, public and fixed.
        using (var early = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/rankings/2026-Q4/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.GetAsync("/api/supervision/rankings/2026-Q4", null)).Status);
        _host.Clock.SetUtcNow(SupervisionHost.At("2027-01-04T09:00"));
        using (var published = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/rankings/2026-Q4/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        using (var twice = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/rankings/2026-Q4/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var announced = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<RankingPublished>().ToList()), l => l.Count == 1, "the ranking is announced");
        Assert.Equal(("2026-Q4", "YJ", 1), (announced[0].Period, announced[0].Agencies[0].AgencyCode, announced[0].Agencies[0].Rank));

        var (publicStatus, before) = await _host.GetAsync("/api/supervision/rankings/2026-Q4", null);
        Assert.Equal(HttpStatusCode.OK, publicStatus);
        // A late rating changes the draft, never the published ranking.
        await _host.InspectAsync("BA2026-SJ-00009", SupervisionHost.E3, ["SJ"], day, day.AddDays(5));
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections", "completed_at IS NOT NULL"), n => n == 7, "the late inspection is known");
        Assert.Equal(HttpStatusCode.Created, await RateAsync(SupervisionHost.E3, "BA2026-SJ-00009", 5));
        var (_, after) = await _host.GetAsync("/api/supervision/rankings/2026-Q4", null);
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetProperty("agencies").ToString(), JsonDocument.Parse(after).RootElement.GetProperty("agencies").ToString());
        var (_, redraft) = await _host.GetAsync("/api/supervision/rankings/2026-Q4/draft", TestIdentity.Office());
        Assert.NotEqual(JsonDocument.Parse(before).RootElement.GetProperty("agencies").ToString(), JsonDocument.Parse(redraft).RootElement.GetProperty("agencies").ToString());
        var (_, list) = await _host.GetAsync("/api/supervision/rankings", null);
        Assert.Equal(["2026-Q4"], JsonDocument.Parse(list).RootElement.EnumerateArray().Select(r => r.GetProperty("period").GetString()));
    }
}
