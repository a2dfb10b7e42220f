using System.Net;
using System.Text.Json;
using Supervision.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>The overdue sweep, called as the Dapr cron binding calls it: a missed weekly update and a
/// passed deadline are flagged once each, even with two replicas racing, and escalate the case.</summary>
public sealed class Overdue_cases : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    async Task<int> SweepAsync()
    {
        using var response = await _host.Client.PostAsync("/sweeps/overdue-cases", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("flagged").GetInt32();
    }

    async Task<int[]> RacingSweepsAsync() => await Task.WhenAll(SweepAsync(), SweepAsync());

    [Fact]
    public async Task Each_lapse_is_flagged_once_and_escalates_the_case()
    {
        var id = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = "请协调减少同一周内的重复检查" })).GetProperty("id").GetGuid();
        await _host.AssignAsync(id, "YJ", "2026-12-10");   // assigned on 2026-12-01 09:00
        using (var options = new HttpRequestMessage(HttpMethod.Options, "/sweeps/overdue-cases"))
            Assert.Equal(HttpStatusCode.OK, (await _host.Client.SendAsync(options)).StatusCode);

        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-08T09:00"));   // exactly a week: not yet
        Assert.Equal(0, await SweepAsync());
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-08T09:01"));
        Assert.Equal(1, (await RacingSweepsAsync()).Sum());
        Assert.Equal(0, await SweepAsync());
        var first = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<CaseOverdue>().ToList()), l => l.Count == 1, "the missed update is announced");
        Assert.Equal((OverdueReason.NoWeeklyUpdate, "YJ", 1), (first[0].Reason, first[0].AssignedTo, first[0].EscalationLevel));

        var (_, text) = await _host.GetAsync($"/api/supervision/cases/{id}", TestIdentity.Leader());
        var view = JsonDocument.Parse(text).RootElement;
        Assert.True(view.GetProperty("overdue").GetBoolean());
        Assert.Equal(1, view.GetProperty("escalationLevel").GetInt32());
        var overdueStep = view.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("Overdue", "system"), (overdueStep.GetProperty("action").GetString(), overdueStep.GetProperty("actorRole").GetString()));
        var (_, escalated) = await _host.GetAsync("/api/supervision/cases?escalated=true", TestIdentity.Discipline());
        Assert.Single(JsonDocument.Parse(escalated).RootElement.GetProperty("items").EnumerateArray());

        // The unit updates; a week later it has missed another update and the deadline has passed: two new lapses.
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", TestIdentity.Agency("YJ"), new { note = "已与企业沟通，正在制定联合检查方案" })).Status);
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-10T23:59"));   // the deadline day itself
        Assert.Equal(0, await SweepAsync());
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-16T09:00"));
        Assert.Equal(2, (await RacingSweepsAsync()).Sum());
        Assert.Equal(0, (await RacingSweepsAsync()).Sum());
        var all = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<CaseOverdue>().ToList()), l => l.Count == 3, "both lapses are announced");
        Assert.Equal([OverdueReason.NoWeeklyUpdate, OverdueReason.NoWeeklyUpdate, OverdueReason.DeadlinePassed], all.Select(e => e.Reason).Order());
        Assert.Equal(3, all.Max(e => e.EscalationLevel));
        Assert.Equal(3, await Sql.CountAsync(_host.Database, "overdue_flags"));
        await _host.QuietAsync();
        Assert.Equal(3, _host.Published.OfType<CaseOverdue>().Count());

        // A resolved case is no longer overdue, however late.
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "resolve", TestIdentity.Agency("YJ"), new { note = "已合并安排检查" })).Status);
        _host.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await SweepAsync());
    }
}
