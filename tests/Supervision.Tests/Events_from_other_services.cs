using System.Diagnostics.Metrics;
using System.Text.Json;
using Filing.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Planning.Contracts;
using Supervision.Contracts;
using TestInfrastructure;
using Tolerance.Contracts;
using Xunit;

namespace Supervision.Tests;

/// <summary>On the real broker: filing's and tolerance's events open cases and feed the read models;
/// the indicators are computed from them alone; redeliveries change nothing.</summary>
public sealed class Events_from_other_services : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_overdue_backfill_and_a_refusal_open_one_case_each_however_often_they_arrive()
    {
        var overdue = new BackfillOverdue("JJ2026-YJ-0003", "YJ", SupervisionHost.E2, new DateOnly(2026, 12, 8), SupervisionHost.At("2026-12-09T00:05"));
        var id = NewId.NextGuid();
        await _host.Bus.Publish(overdue, ctx => ctx.MessageId = id);
        await _host.Bus.Publish(overdue, ctx => ctx.MessageId = id);                 // redelivered
        await _host.Bus.Publish(overdue with { RaisedAt = overdue.RaisedAt.AddSeconds(1) });   // raised again under another id
        var refusal = new UnfiledInspectionReported(Guid.NewGuid(), SupervisionHost.E1, "SJ", "ABCD-1234", "两名自称市场监管人员未出示备案，企业拒绝检查",
            SupervisionHost.At("2026-12-02T10:00"), SupervisionHost.At("2026-12-02T10:20"));
        await _host.Bus.Publish(refusal);
        await _host.Bus.Publish(refusal);

        var opened = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<CaseOpened>().ToList()), l => l.Count >= 2, "both cases are opened");
        await _host.QuietAsync();   // every delivery handled, and what it opened announced
        Assert.Equal(2, _host.Published.OfType<CaseOpened>().Count());
        Assert.Equal(2, await Sql.CountAsync(_host.Database, "cases"));
        Assert.Equal([CardSource.Refusal, CardSource.BackfillOverdue], opened.Select(o => o.Source).Order());

        var (_, text) = await _host.GetAsync("/api/supervision/cases", TestIdentity.Office());
        var cases = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToList();
        var fromRefusal = cases.Single(c => c.GetProperty("source").GetString() == "Refusal");
        Assert.Equal(SupervisionHost.E1, fromRefusal.GetProperty("submitter").GetProperty("creditCode").GetString());
        Assert.Equal(SupervisionHost.E1Name, fromRefusal.GetProperty("submitter").GetProperty("name").GetString());
        Assert.Contains("ABCD-1234", fromRefusal.GetProperty("description").GetString());
        // The refusing enterprise follows its case like a card of its own, and the agency does not learn who refused.
        var (_, mine) = await _host.GetAsync("/api/supervision/cards", TestIdentity.Enterprise(SupervisionHost.E1));
        Assert.Single(JsonDocument.Parse(mine).RootElement.GetProperty("items").EnumerateArray());
        var (_, sj) = await _host.GetAsync("/api/supervision/cases", TestIdentity.Agency("SJ"));
        Assert.DoesNotContain(SupervisionHost.E1, sj);
        Assert.Single(JsonDocument.Parse(sj).RootElement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_indicators_come_from_the_events_alone_and_are_exported_as_metrics()
    {
        var gauges = new Dictionary<string, (double Value, string? Period)>();
        var factory = _host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Scope == factory && instrument.Name.StartsWith("park.reform.")) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (gauges) gauges[instrument.Name] = (value, tags.ToArray().FirstOrDefault(t => t.Key == "period").Value as string);
        });
        listener.Start();

        var bus = _host.Bus;
        await bus.Publish(new PlanPublished("2026-Q4", Guid.NewGuid(), 34, 20, 12, 8, 0.4118, 0.315, 18, SupervisionHost.At("2026-09-20T10:00")));
        // 2026-Q4: three completed inspections, two by one agency alone; 2025-Q4: one solo inspection.
        await _host.InspectAsync("BA2026-YJ-00001", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-10-09T09:00"), SupervisionHost.At("2026-10-10T11:00"));
        await _host.InspectAsync("BA2026-SJ-00001", SupervisionHost.E2, ["SJ"], SupervisionHost.At("2026-11-02T09:00"), SupervisionHost.At("2026-11-03T11:00"), findings: 1);
        await _host.InspectAsync("BA2026-XF-00001", SupervisionHost.E3, ["XF", "YJ"], SupervisionHost.At("2026-11-20T09:00"), SupervisionHost.At("2026-11-21T11:00"));
        await _host.InspectAsync("BA2025-YJ-00009", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2025-11-02T09:00"), SupervisionHost.At("2025-11-03T11:00"));
        // A redelivered completion counts once.
        var again = new InspectionCompleted("BA2026-YJ-00001", null, SupervisionHost.E1, "YJ", ["YJ"], false, [], SupervisionHost.At("2026-10-10T09:00"), SupervisionHost.At("2026-10-10T11:00"));
        var againId = NewId.NextGuid();
        await bus.Publish(again, ctx => ctx.MessageId = againId);
        await bus.Publish(again, ctx => ctx.MessageId = againId);
        // Emergencies: one written up in time, one late (overdue), one still within its 5 working days.
        await bus.Publish(new EmergencyPreFiled("JJ2026-YJ-0001", "YJ", SupervisionHost.E1, "张副局长", "危化品泄漏", SupervisionHost.At("2026-10-12T22:00")));
        await bus.Publish(new EmergencyBackfilled("JJ2026-YJ-0001", "YJ", SupervisionHost.E1, new DateOnly(2026, 10, 19), SupervisionHost.At("2026-10-15T10:00"), true));
        await bus.Publish(new EmergencyPreFiled("JJ2026-XF-0001", "XF", SupervisionHost.E2, "李副大队长", "火情", SupervisionHost.At("2026-11-12T22:00")));
        await bus.Publish(new BackfillOverdue("JJ2026-XF-0001", "XF", SupervisionHost.E2, new DateOnly(2026, 11, 19), SupervisionHost.At("2026-11-20T00:05")));
        await bus.Publish(new EmergencyPreFiled("JJ2026-SJ-0001", "SJ", SupervisionHost.E3, "王副局长", "食品安全事件", SupervisionHost.At("2026-11-28T22:00")));
        await bus.Publish(new UnfiledInspectionReported(Guid.NewGuid(), SupervisionHost.E3, "ZF", null, "未备案上门检查", SupervisionHost.At("2026-11-25T10:00"), SupervisionHost.At("2026-11-25T10:30")));
        // Tolerance: one tolerated, one not, one conditional later revoked.
        var decided = SupervisionHost.At("2026-11-03T12:00");
        await bus.Publish(new ToleranceDecisionIssued(Guid.NewGuid(), "BA2026-SJ-00001", 0, SupervisionHost.E2, "SJ", "SJ-01", DecisionKind.Tolerated, ToleranceOutcome.NoPenalty, "XZ-SJ-001", 1, null, decided));
        await bus.Publish(new ToleranceDecisionIssued(Guid.NewGuid(), "BA2026-SJ-00002", 0, SupervisionHost.E2, "SJ", "SJ-01", DecisionKind.NotTolerated, null, null, 1, null, decided));
        var conditional = Guid.NewGuid();
        await bus.Publish(new ToleranceDecisionIssued(conditional, "BA2026-SJ-00003", 0, SupervisionHost.E3, "SJ", "SJ-01", DecisionKind.ConditionallyTolerated, ToleranceOutcome.LighterPenalty, "XZ-SJ-002", 1, new DateOnly(2026, 11, 10), decided));
        await bus.Publish(new ToleranceDecisionRevoked(conditional, "BA2026-SJ-00003", 0, SupervisionHost.E3, "SJ", new DateOnly(2026, 11, 10), SupervisionHost.At("2026-11-11T00:10")));

        await Eventually.Until(() => Sql.CountAsync(_host.Database, "emergencies", "approved_at IS NOT NULL AND (backfilled_at IS NOT NULL OR overdue_at IS NOT NULL OR provisional_no = 'JJ2026-SJ-0001')"), n => n == 3, "the emergencies are known");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections", "completed_at IS NOT NULL AND filed_at IS NOT NULL"), n => n == 4, "the inspections are known");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "decisions", "revoked_at IS NOT NULL"), n => n == 1, "the revocation is known");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "decisions"), n => n == 3, "the decisions are known");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "cases"), n => n == 2, "the overdue backfill and the refusal opened cases");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "plans"), n => n == 1, "the plan is known");

        // A case of the quarter, closed on time; one more assigned and now past its deadline.
        var onTime = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = "请合并消防与安监检查" })).GetProperty("id").GetGuid();
        await _host.AssignAsync(onTime, "YJ", "2026-12-05");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _host.StepAsync(onTime, "resolve", TestIdentity.Agency("YJ"), new { note = "已合并" })).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _host.StepAsync(onTime, "verify", TestIdentity.Discipline())).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _host.StepAsync(onTime, "call-back", TestIdentity.Office(), new { satisfied = true })).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _host.StepAsync(onTime, "close", TestIdentity.Office())).Status);
        var late = (await _host.SubmitCardAsync(SupervisionHost.E2, new { type = "ReasonableDemand", description = "请减少节假日检查" })).GetProperty("id").GetGuid();
        await _host.AssignAsync(late, "SJ", "2026-12-03");
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-04T10:00"));

        var (status, text) = await _host.GetAsync("/api/supervision/indicators?period=2026-Q4", TestIdentity.Office());
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var i = JsonDocument.Parse(text).RootElement;
        var plan = i.GetProperty("plan");
        Assert.Equal((34, 20, 8), (plan.GetProperty("declaredVisits").GetInt32(), plan.GetProperty("plannedVisits").GetInt32(), plan.GetProperty("plannedSoloVisits").GetInt32()));
        Assert.Equal(0.4118, plan.GetProperty("reductionRate").GetDouble(), 4);   // 1 − 20/34
        Assert.Equal(0.315, plan.GetProperty("mergeableShareOfMatters").GetDouble(), 4);
        var inspections = i.GetProperty("inspections");
        Assert.Equal((3, 1, 2, 1), (inspections.GetProperty("completed").GetInt32(), inspections.GetProperty("joint").GetInt32(), inspections.GetProperty("solo").GetInt32(), inspections.GetProperty("soloYearBefore").GetInt32()));
        Assert.Equal(1.0, inspections.GetProperty("soloYearOnYearChange").GetDouble(), 4);   // (2 − 1) / 1
        var filing = i.GetProperty("filing");
        Assert.Equal((3, 3, 1), (filing.GetProperty("filedBeforehand").GetInt32(), filing.GetProperty("emergencyPreFilings").GetInt32(), filing.GetProperty("unfiledReported").GetInt32()));
        Assert.Equal(Math.Round(3.0 / 7, 4), filing.GetProperty("coverage").GetDouble(), 4);
        Assert.Equal((1, 1, 1), (filing.GetProperty("writtenFilingsOnTime").GetInt32(), filing.GetProperty("writtenFilingsLate").GetInt32(), filing.GetProperty("writtenFilingsPending").GetInt32()));
        Assert.Equal(0.5, filing.GetProperty("onTimeShare").GetDouble(), 4);
        var tolerance = i.GetProperty("tolerance");
        Assert.Equal((3, 1, 1, 1, 1), (tolerance.GetProperty("decisions").GetInt32(), tolerance.GetProperty("tolerated").GetInt32(), tolerance.GetProperty("conditionallyTolerated").GetInt32(),
            tolerance.GetProperty("notTolerated").GetInt32(), tolerance.GetProperty("revoked").GetInt32()));
        Assert.Equal(1, tolerance.GetProperty("byOutcome").GetProperty("NoPenalty").GetInt32());
        var cases = i.GetProperty("cases");
        Assert.Equal((4, 1, 1, 1), (cases.GetProperty("opened").GetInt32(), cases.GetProperty("closed").GetInt32(), cases.GetProperty("closedOnTime").GetInt32(), cases.GetProperty("openPastDeadline").GetInt32()));
        Assert.Equal(1.0, cases.GetProperty("closedOnTimeShare").GetDouble(), 4);

        // The year adds up its quarters' plans; a year with nothing is empty, not an error.
        var (_, year) = await _host.GetAsync("/api/supervision/indicators?period=2026", TestIdentity.Leader());
        Assert.Equal(34, JsonDocument.Parse(year).RootElement.GetProperty("plan").GetProperty("declaredVisits").GetInt32());
        var (_, empty) = await _host.GetAsync("/api/supervision/indicators?period=2024-Q1", TestIdentity.Agency("YJ"));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(empty).RootElement.GetProperty("filing").GetProperty("coverage").ValueKind);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await _host.GetAsync("/api/supervision/indicators?period=2026-Q4", TestIdentity.Enterprise(SupervisionHost.E1))).Status);

        // The same figures as metrics of the current quarter.
        var exported = await Eventually.Until(() =>
        {
            listener.RecordObservableInstruments();
            lock (gauges) return Task.FromResult(gauges.ToDictionary());
        }, g => g.TryGetValue("park.reform.filing_coverage", out var c) && Math.Abs(c.Value - Math.Round(3.0 / 7, 4)) < 1e-9 && g.ContainsKey("park.reform.cases_closed_on_time"), "the gauges show the quarter");
        Assert.Equal("2026-Q4", exported["park.reform.filing_coverage"].Period);
        Assert.Equal(0.4118, exported["park.reform.reduction_rate"].Value, 4);
        Assert.Equal(2, exported["park.reform.solo_inspections"].Value);
        Assert.Equal(0.5, exported["park.reform.written_filings_on_time"].Value, 4);
    }
}
