using System.Net;
using System.Text.Json;
using Supervision.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>延期 and 改派 over HTTP: the responsible unit asks for a later deadline with its reason, the
/// office grants or refuses it, all in the history, and the overdue sweep follows the deadline granted;
/// the office transfers a case to another unit, which then answers for it.</summary>
public sealed class Extending_and_reassigning_a_case : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    static readonly string Office = TestIdentity.Office(), Unit = TestIdentity.Agency("YJ");

    async Task<Guid> AssignedAsync()
    {
        var id = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = "请协调减少同一周内的重复检查" })).GetProperty("id").GetGuid();
        await _host.AssignAsync(id, "YJ", "2026-12-10");   // assigned on 2026-12-01 09:00
        return id;
    }

    async Task<int> SweepAsync()
    {
        using var response = await _host.Client.PostAsync("/sweeps/overdue-cases", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("flagged").GetInt32();
    }

    async Task<JsonElement> ReadAsync(Guid id, string token)
    {
        var (_, text) = await _host.GetAsync($"/api/supervision/cases/{id}", token);
        return JsonDocument.Parse(text).RootElement;
    }

    static void Names(JsonElement problem, string field) => Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());

    [Fact]
    public async Task An_extension_is_asked_for_with_a_reason_and_answered_by_the_office_and_the_sweep_follows_the_deadline_granted()
    {
        var id = await AssignedAsync();
        // Nothing to answer yet; only the unit asks, only the office answers.
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "grant-extension", Office)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "refuse-extension", Office, new { note = "不予延期" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "request-extension", Office, new { deadline = "2026-12-20", note = "需要更多时间" })).Status);
        // Another agency has no business with the case: it does not exist for it.
        Assert.Equal(HttpStatusCode.NotFound, (await _host.StepAsync(id, "request-extension", TestIdentity.Agency("SJ"), new { deadline = "2026-12-20", note = "需要更多时间" })).Status);
        var history = await Sql.CountAsync(_host.Database, "case_history");
        foreach (var (body, field, status) in new (object? Body, string Field, HttpStatusCode Status)[]
        {
            (new { deadline = "2026-12-20" }, "note", HttpStatusCode.BadRequest),
            (new { note = "需联合消防部门现场复核" }, "deadline", HttpStatusCode.BadRequest),
            (new { deadline = "2028-01-01", note = "需联合消防部门现场复核" }, "deadline", HttpStatusCode.BadRequest),
            (new { deadline = "2026-12-10", note = "需联合消防部门现场复核" }, "deadline", HttpStatusCode.UnprocessableEntity),
            (new { deadline = "2026-12-20", note = "需联合消防部门现场复核", assignedTo = "SJ" }, "assignedTo", HttpStatusCode.BadRequest),
        })
        {
            var (refused, problem) = await _host.StepAsync(id, "request-extension", Unit, body);
            Assert.Equal(status, refused);
            Names(problem, field);
        }
        Assert.Equal(history, await Sql.CountAsync(_host.Database, "case_history"));
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "cases", "extension_requested IS NOT NULL"));

        // Asked, refused with the reason; asked again, granted: the deadline in force moves.
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "request-extension", Unit, new { deadline = "2026-12-31", note = "需联合消防部门现场复核" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "request-extension", Unit, new { deadline = "2026-12-25", note = "改为25日" })).Status);
        Assert.Equal("2026-12-31", (await ReadAsync(id, Office)).GetProperty("extensionRequested").GetString());
        var (bare, problemNoReason) = await _host.StepAsync(id, "refuse-extension", Office);
        Assert.Equal(HttpStatusCode.BadRequest, bare);
        Names(problemNoReason, "note");
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "refuse-extension", Office, new { note = "期限过长，最多延至20日" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "request-extension", Unit, new { deadline = "2026-12-20", note = "消防部门复核安排在19日" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "grant-extension", Unit)).Status);
        var (granted, view) = await _host.StepAsync(id, "grant-extension", Office);
        Assert.Equal(HttpStatusCode.OK, granted);
        Assert.Equal("2026-12-20", view.GetProperty("deadline").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("extensionRequested").ValueKind);

        var steps = (await ReadAsync(id, Office)).GetProperty("history").EnumerateArray().Skip(4)
            .Select(h => (h.GetProperty("action").GetString(), h.GetProperty("deadline").GetString(), h.GetProperty("note").GetString())).ToList();
        Assert.Equal([("RequestExtension", "2026-12-31", "需联合消防部门现场复核"), ("RefuseExtension", null, "期限过长，最多延至20日"),
            ("RequestExtension", "2026-12-20", "消防部门复核安排在19日"), ("GrantExtension", "2026-12-20", "")], steps);

        // The old deadline passes unflagged (the unit keeps its weekly updates); the granted one is flagged once it passes.
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-07T09:00"));
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", Unit, new { note = "已约消防部门复核" })).Status);
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-12T09:00"));
        Assert.Equal(0, await SweepAsync());
        Assert.False((await ReadAsync(id, Office)).GetProperty("overdue").GetBoolean());
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-13T09:00"));
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", Unit, new { note = "复核已排期" })).Status);
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-19T09:00"));
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", Unit, new { note = "今日复核" })).Status);
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-21T09:00"));
        Assert.Equal(1, await SweepAsync());
        var overdue = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<CaseOverdue>().ToList()), l => l.Count == 1, "the deadline granted is announced as passed");
        Assert.Equal((OverdueReason.DeadlinePassed, new DateOnly(2026, 12, 20)), (overdue[0].Reason, overdue[0].Deadline));
    }

    [Fact]
    public async Task A_case_reassigned_to_another_unit_is_answered_by_it_and_no_longer_by_the_first()
    {
        var id = await AssignedAsync();
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "request-extension", Unit, new { deadline = "2026-12-20", note = "需更多时间" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "reassign", Unit, new { assignedTo = "SJ", note = "不属本单位职责" })).Status);
        foreach (var (body, field, status) in new (object Body, string Field, HttpStatusCode Status)[]
        {
            (new { assignedTo = "SJ" }, "note", HttpStatusCode.BadRequest),
            (new { note = "属市场监管职责" }, "assignedTo", HttpStatusCode.BadRequest),
            (new { assignedTo = "YJ", note = "属市场监管职责" }, "assignedTo", HttpStatusCode.UnprocessableEntity),
            (new { assignedTo = "QQ", note = "属市场监管职责" }, "assignedTo", HttpStatusCode.UnprocessableEntity),
        })
        {
            var (refused, problem) = await _host.StepAsync(id, "reassign", Office, body);
            Assert.Equal(status, refused);
            Names(problem, field);
        }
        _host.Clock.Advance(TimeSpan.FromDays(2));
        var (moved, view) = await _host.StepAsync(id, "reassign", Office, new { assignedTo = "SJ", deadline = "2026-12-24", note = "经核实属市场监管职责，改派县市场监管局" });
        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.Equal(("Assigned", "SJ", "2026-12-24"), (view.GetProperty("state").GetString(), view.GetProperty("assignedTo").GetString(), view.GetProperty("deadline").GetString()));
        // The first unit's request lapses with the case; it no longer sees or answers it.
        Assert.Equal(JsonValueKind.Null, view.GetProperty("extensionRequested").ValueKind);
        // The weekly clock runs from the reassignment, not from the first assignment a week ago.
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-08T09:01"));
        Assert.Equal(0, await SweepAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _host.StepAsync(id, "progress", Unit, new { note = "已自查" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", TestIdentity.Agency("SJ"), new { note = "已接手核查" })).Status);
        var step = (await ReadAsync(id, Office)).GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "Reassign");
        Assert.Equal(("SJ", "2026-12-24"), (step.GetProperty("assignedTo").GetString(), step.GetProperty("deadline").GetString()));
    }

    [Fact]
    public async Task Units_handling_a_case_jointly_each_answer_for_their_own_weekly_update()
    {
        var id = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = "请协调消防与应急部门合并检查" })).GetProperty("id").GetGuid();
        await _host.AssignAsync(id, "YJ", "2026-12-31");   // assigned on 2026-12-01 09:00
        Assert.Equal(HttpStatusCode.NotFound, (await _host.StepAsync(id, "progress", TestIdentity.Agency("XF"), new { note = "已知悉" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "add-joint-unit", Unit, new { assignedTo = "XF", note = "需消防部门协办" })).Status);
        foreach (var (body, field, status) in new (object Body, string Field, HttpStatusCode Status)[]
        {
            (new { assignedTo = "XF" }, "note", HttpStatusCode.BadRequest),
            (new { note = "需消防部门协办" }, "assignedTo", HttpStatusCode.BadRequest),
            (new { assignedTo = "YJ", note = "需消防部门协办" }, "assignedTo", HttpStatusCode.UnprocessableEntity),
        })
        {
            var (refused, problem) = await _host.StepAsync(id, "add-joint-unit", Office, body);
            Assert.Equal(status, refused);
            Names(problem, field);
        }
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "joint_units"));

        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-03T09:00"));
        var (added, view) = await _host.StepAsync(id, "add-joint-unit", Office, new { assignedTo = "XF", note = "涉及消防设施，请县消防救援大队协办" });
        Assert.Equal(HttpStatusCode.OK, added);
        Assert.Equal(("YJ", "XF"), (view.GetProperty("assignedTo").GetString(), view.GetProperty("jointUnits")[0].GetProperty("agencyCode").GetString()));
        var (twice, again) = await _host.StepAsync(id, "add-joint-unit", Office, new { assignedTo = "XF", note = "重复" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice);
        Names(again, "assignedTo");
        // The joint unit reports its progress; answering for the case (resolving, extending) stays with the responsible unit.
        var joint = TestIdentity.Agency("XF");
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", joint, new { note = "已安排消防设施专项检查" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "resolve", joint, new { note = "已办结" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "request-extension", joint, new { deadline = "2027-01-10", note = "需更多时间" })).Status);

        // The responsible unit keeps its week; the joint unit misses its own and is flagged alone.
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-07T09:00"));
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", Unit, new { note = "已与企业沟通检查安排" })).Status);
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-10T09:01"));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync());
        var overdue = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<CaseOverdue>().ToList()), l => l.Count == 1, "the joint unit's missed week is announced");
        Assert.Equal((OverdueReason.NoWeeklyUpdate, "XF", SupervisionHost.At("2026-12-03T09:00")), (overdue[0].Reason, overdue[0].AssignedTo, overdue[0].LastUpdateAt));
        var read = await ReadAsync(id, joint);
        Assert.True(read.GetProperty("overdue").GetBoolean());
        Assert.True(read.GetProperty("jointUnits")[0].GetProperty("overdue").GetBoolean());
        var (_, list) = await _host.GetAsync("/api/supervision/cases?overdue=true", joint);
        Assert.Single(JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", joint, new { note = "专项检查已完成" })).Status);
        Assert.False((await ReadAsync(id, Office)).GetProperty("overdue").GetBoolean());
        var step = (await ReadAsync(id, Office)).GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "AddJointUnit");
        Assert.Equal("XF", step.GetProperty("assignedTo").GetString());
    }
}
