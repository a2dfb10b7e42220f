using System.Net;
using System.Text.Json;
using Supervision.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>A case that waits for the office to send it for sign-off, or for the leader's instruction,
/// beyond its limit in calendar days (settings) is flagged like an overdue one: once per wait, escalated,
/// announced, and found by the overdue filter.</summary>
public sealed class Waiting_for_sign_off_and_instruction : IAsyncLifetime
{
    readonly SupervisionHost _host = new(new Dictionary<string, string> { ["Supervision:SignOffWithinDays"] = "2", ["Supervision:InstructionWithinDays"] = "4" });
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    async Task<int> SweepAsync()
    {
        using var response = await _host.Client.PostAsync("/sweeps/overdue-cases", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("flagged").GetInt32();
    }

    async Task<List<string>> OverdueAsync()
    {
        var (_, text) = await _host.GetAsync("/api/supervision/cases?overdue=true", TestIdentity.Leader());
        return JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("caseNo").GetString()!).ToList();
    }

    [Fact]
    public async Task Each_wait_beyond_its_limit_is_flagged_once_and_escalates_the_case()
    {
        var card = await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = "请协调减少同一周内的重复检查" });   // 2026-12-01 09:00
        var (id, number) = (card.GetProperty("id").GetGuid(), card.GetProperty("caseNo").GetString());

        // Two whole days after the day it came in, counted from the start of the next: never from the
        // moment a card came in, which could point at its submitter.
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-03T23:59"));
        Assert.Equal(0, await SweepAsync());
        Assert.Empty(await OverdueAsync());
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-04T00:00"));
        Assert.Equal([number!], await OverdueAsync());
        Assert.Equal(1, (await Task.WhenAll(SweepAsync(), SweepAsync())).Sum());
        Assert.Equal(0, await SweepAsync());
        var first = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<CaseOverdue>().ToList()), l => l.Count == 1, "the wait for sign-off is announced");
        Assert.Equal((OverdueReason.SignOffWaiting, null, 1, SupervisionHost.At("2026-12-01T00:00")),
            (first[0].Reason, first[0].AssignedTo, first[0].EscalationLevel, first[0].LastUpdateAt));

        // Sent for sign-off: the leader's wait starts now, and is flagged after four days.
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "send-for-sign-off", TestIdentity.Office(), new { forwardedSummary = SupervisionHost.Forwarded })).Status);
        Assert.Empty(await OverdueAsync());
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-08T23:59"));
        Assert.Equal(0, await SweepAsync());
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-09T00:00"));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync());
        var all = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<CaseOverdue>().ToList()), l => l.Count == 2, "the wait for instruction is announced");
        Assert.Equal([OverdueReason.SignOffWaiting, OverdueReason.InstructionWaiting], all.OrderBy(e => e.EscalationLevel).Select(e => e.Reason));

        var (_, text) = await _host.GetAsync($"/api/supervision/cases/{id}", TestIdentity.Discipline());
        var view = JsonDocument.Parse(text).RootElement;
        Assert.True(view.GetProperty("overdue").GetBoolean());
        Assert.Equal(2, view.GetProperty("escalationLevel").GetInt32());
        Assert.Equal(2, view.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("action").GetString() == "Overdue"));

        // Instructed: no longer waiting for anyone above.
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "instruct", TestIdentity.Leader(), new { note = "请营商办转责任单位办理" })).Status);
        Assert.Empty(await OverdueAsync());
        Assert.Equal(2, await Sql.CountAsync(_host.Database, "overdue_flags"));
    }
}
