using System.Text.Json;
using MassTransit;
using Tolerance.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>After an enterprise reports an agency, that agency's new filings and penalties at that
/// enterprise within six months are flagged to the task force; nothing else is.</summary>
public sealed class Retaliation_watch : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Filings_and_penalties_of_the_reported_agency_at_the_reporting_enterprise_are_flagged_once()
    {
        // Before the card (2026-12-01): YJ filed at E1 on 2026-11-20; not a reaction to anything.
        await _host.InspectAsync("BA2026-YJ-00001", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-11-20T09:00"));
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections"), n => n == 1, "the earlier filing is known");
        var id = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "Misconduct", agencyCode = "YJ", description = "检查人员索要购物卡" })).GetProperty("id").GetGuid();

        await _host.InspectAsync("BA2026-YJ-00002", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-12-05T09:00"), unplanned: true);    // flagged
        await _host.InspectAsync("BA2026-SJ-00002", SupervisionHost.E1, ["SJ", "YJ"], SupervisionHost.At("2026-12-06T09:00"));               // flagged: YJ takes part
        await _host.InspectAsync("BA2026-SJ-00003", SupervisionHost.E1, ["SJ"], SupervisionHost.At("2026-12-07T09:00"));                     // another agency
        await _host.InspectAsync("BA2026-YJ-00003", SupervisionHost.E2, ["YJ"], SupervisionHost.At("2026-12-07T09:00"));                     // another enterprise
        await _host.InspectAsync("BA2027-YJ-00001", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2027-06-02T09:00"));                     // past six months
        var penalty = new ToleranceDecisionIssued(Guid.NewGuid(), "BA2026-YJ-00002", 0, SupervisionHost.E1, "YJ", "YJ-01", DecisionKind.NotTolerated, null, null, 1, null, SupervisionHost.At("2026-12-05T15:00"));
        var messageId = NewId.NextGuid();
        await _host.Bus.Publish(penalty, ctx => ctx.MessageId = messageId);
        await _host.Bus.Publish(penalty, ctx => ctx.MessageId = messageId);   // redelivered
        await _host.Bus.Publish(penalty);                                      // published twice
        await _host.Bus.Publish(new ToleranceDecisionIssued(Guid.NewGuid(), "BA2026-YJ-00002", 1, SupervisionHost.E1, "YJ", "YJ-01", DecisionKind.Tolerated, ToleranceOutcome.NoPenalty, "XZ-YJ-001", 1, null, SupervisionHost.At("2026-12-05T15:00")));

        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections"), n => n == 6, "every filing is known");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "decisions"), n => n == 2, "both decisions are known");
        await _host.DeliveredAsync();   // the penalty's second and third deliveries too
        Assert.Equal(3, await Sql.CountAsync(_host.Database, "retaliation_flags"));

        var (_, text) = await _host.GetAsync("/api/supervision/retaliation-flags", TestIdentity.Discipline());
        var flags = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { "BA2026-SJ-00002", "BA2026-YJ-00002", penalty.DecisionId.ToString() }.Order(StringComparer.Ordinal), flags.Select(f => f.GetProperty("reference").GetString()).Order(StringComparer.Ordinal));
        Assert.All(flags, f => Assert.Equal(id, f.GetProperty("caseId").GetGuid()));
        Assert.Equal("Penalty", flags.Single(f => f.GetProperty("reference").GetString() == penalty.DecisionId.ToString()).GetProperty("trigger").GetString());
        Assert.False(flags.Single(f => f.GetProperty("reference").GetString() == "BA2026-YJ-00002").GetProperty("planned").GetBoolean());
        Assert.True(flags.Single(f => f.GetProperty("reference").GetString() == "BA2026-SJ-00002").GetProperty("planned").GetBoolean());

        // In the case itself for the task force; never for the agency watched.
        var (_, full) = await _host.GetAsync($"/api/supervision/cases/{id}", TestIdentity.Discipline());
        Assert.Equal(3, JsonDocument.Parse(full).RootElement.GetProperty("retaliationFlags").GetArrayLength());
        var (_, watched) = await _host.GetAsync($"/api/supervision/cases/{id}", TestIdentity.Agency("YJ"));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(watched).RootElement.GetProperty("retaliationFlags").ValueKind);
    }

    [Fact]
    public async Task A_penalty_superseded_by_a_corrected_finding_stops_counting_and_its_flag_says_so()
    {
        var caseId = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "Misconduct", agencyCode = "YJ", description = "检查人员索要购物卡" })).GetProperty("id").GetGuid();
        await _host.InspectAsync("BA2026-YJ-00012", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-12-05T09:00"), unplanned: true);
        var penalty = new ToleranceDecisionIssued(Guid.NewGuid(), "BA2026-YJ-00012", 0, SupervisionHost.E1, "YJ", "YJ-01", DecisionKind.NotTolerated, null, null, 1, null, SupervisionHost.At("2026-12-05T15:00"));
        await _host.Bus.Publish(penalty);
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "retaliation_flags"), n => n == 2, "the filing and the penalty are flagged");

        // The finding was recorded under the wrong matter: corrected, the decision on it is superseded by one that tolerates it.
        var replacement = new ToleranceDecisionIssued(Guid.NewGuid(), "BA2026-YJ-00012", 0, SupervisionHost.E1, "YJ", "YJ-02", DecisionKind.Tolerated, ToleranceOutcome.NoPenalty, "XZ-YJ-002", 1, null, SupervisionHost.At("2026-12-12T10:00"));
        await _host.Bus.Publish(new ToleranceDecisionSuperseded(penalty.DecisionId, replacement.DecisionId, "BA2026-YJ-00012", 0, SupervisionHost.E1, "YJ", "检查事项录入错误", SupervisionHost.At("2026-12-08T10:00")));
        await _host.Bus.Publish(replacement);
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "decisions", "superseded_at IS NOT NULL"), n => n == 1, "the superseded decision is known as such");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "decisions"), n => n == 2, "the replacement is known");
        await _host.QuietAsync();

        Assert.Equal(0, await Sql.CountAsync(_host.Database, "decisions", "penalty"));
        Assert.Equal(2, await Sql.CountAsync(_host.Database, "retaliation_flags"));   // the tolerant replacement raises none
        var (_, text) = await _host.GetAsync("/api/supervision/retaliation-flags", TestIdentity.Discipline());
        var flag = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("reference").GetString() == penalty.DecisionId.ToString());
        Assert.Equal(SupervisionHost.At("2026-12-08T10:00"), flag.GetProperty("decisionSupersededAt").GetDateTimeOffset());
        Assert.Equal(caseId, flag.GetProperty("caseId").GetGuid());

        var (_, indicators) = await _host.GetAsync("/api/supervision/indicators?period=2026-Q4", TestIdentity.Office());
        var tolerance = JsonDocument.Parse(indicators).RootElement.GetProperty("tolerance");
        Assert.Equal((1, 1, 0), (tolerance.GetProperty("decisions").GetInt32(), tolerance.GetProperty("tolerated").GetInt32(), tolerance.GetProperty("notTolerated").GetInt32()));
    }
}
