using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>办结 → 回访 → 关闭 over HTTP: the result is written, the office calls the submitter back before
/// any closing, and a submitter that is not satisfied leaves the decision to the task force.</summary>
public sealed class Calling_back_the_submitter : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    static readonly string Office = TestIdentity.Office(), Discipline = TestIdentity.Discipline(), Unit = TestIdentity.Agency("SJ");

    async Task<Guid> ResolvedAsync()
    {
        var id = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "RudeConduct", agencyCode = "SJ", description = "检查人员对企业员工态度粗暴" })).GetProperty("id").GetGuid();
        await _host.AssignAsync(id, "SJ", "2026-12-20");
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "resolve", Unit, new { note = "已对检查人员批评教育，并当面向企业致歉" })).Status);
        return id;
    }

    static void Names(JsonElement problem, string field) => Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());

    [Fact]
    public async Task A_resolution_without_its_result_in_writing_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var id = (await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = "希望合并同一周的检查" })).GetProperty("id").GetGuid();
        await _host.AssignAsync(id, "SJ", "2026-12-20");
        var history = await Sql.CountAsync(_host.Database, "case_history");
        foreach (var body in new object?[] { null, new { note = "  " } })
        {
            var (status, problem) = await _host.StepAsync(id, "resolve", Unit, body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Names(problem, "note");
        }
        Assert.Equal(history, await Sql.CountAsync(_host.Database, "case_history"));
        Assert.Equal(1, await Sql.CountAsync(_host.Database, "cases", "state = 'Assigned' AND resolved_at IS NULL"));
    }

    [Fact]
    public async Task A_satisfied_call_back_opens_the_way_to_closing()
    {
        var id = await ResolvedAsync();
        // Before verification and before the call-back, nothing closes.
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "call-back", Office, new { satisfied = true })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "verify", Discipline)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "close", Office)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "close", Discipline)).Status);
        // Only the office calls back, and says how it went.
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "call-back", Discipline, new { satisfied = true })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "call-back", Unit, new { satisfied = true })).Status);
        var (missing, problem) = await _host.StepAsync(id, "call-back", Office, new { note = "企业表示满意" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Names(problem, "satisfied");
        var (elsewhere, misplaced) = await _host.StepAsync(id, "verify", Discipline, new { satisfied = true });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere);
        Names(misplaced, "satisfied");

        var (called, afterCall) = await _host.StepAsync(id, "call-back", Office, new { satisfied = true });
        Assert.Equal(HttpStatusCode.OK, called);
        Assert.Equal("CalledBack", afterCall.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "call-back", Office, new { satisfied = false, note = "改口" })).Status);
        var (closed, afterClose) = await _host.StepAsync(id, "close", Office);
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("Closed", afterClose.GetProperty("state").GetString());
        Assert.Equal(1, await Sql.CountAsync(_host.Database, "case_history", "action = 'CallBackSatisfied' AND actor_role = 'office'"));
    }

    [Fact]
    public async Task A_submitter_that_is_not_satisfied_leaves_closing_or_reopening_to_the_task_force()
    {
        var id = await ResolvedAsync();
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "verify", Discipline)).Status);
        var history = await Sql.CountAsync(_host.Database, "case_history");
        var (noWords, problem) = await _host.StepAsync(id, "call-back", Office, new { satisfied = false });
        Assert.Equal(HttpStatusCode.BadRequest, noWords);
        Names(problem, "note");
        Assert.Equal(history, await Sql.CountAsync(_host.Database, "case_history"));

        var (called, disputed) = await _host.StepAsync(id, "call-back", Office, new { satisfied = false, note = "企业认为致歉流于形式" });
        Assert.Equal(HttpStatusCode.OK, called);
        Assert.Equal("Disputed", disputed.GetProperty("state").GetString());
        // The office cannot close over the submitter's answer; the task force decides, with its reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "close", Office, new { note = "办结归档" })).Status);
        var (bare, noReason) = await _host.StepAsync(id, "close", Discipline);
        Assert.Equal(HttpStatusCode.BadRequest, bare);
        Names(noReason, "note");
        var (reopened, again) = await _host.StepAsync(id, "reopen", Discipline, new { note = "处理不到位，重新办理" });
        Assert.Equal(HttpStatusCode.OK, reopened);
        Assert.Equal("Registered", again.GetProperty("state").GetString());

        // Worked again to a second dispute, which the task force closes with its reason.
        await _host.AssignAsync(id, "SJ", "2026-12-28");
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "resolve", Unit, new { note = "已调整检查人员，并由局领导上门致歉" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "verify", Discipline)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "call-back", Office, new { satisfied = false, note = "企业仍要求追责" })).Status);
        var (closed, end) = await _host.StepAsync(id, "close", Discipline, new { note = "经核查处理已到位，追责要求超出职责范围，予以结案" });
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("Closed", end.GetProperty("state").GetString());

        var (_, mine) = await _host.GetAsync($"/api/supervision/cases/{id}", TestIdentity.Enterprise(SupervisionHost.E1));
        var steps = JsonDocument.Parse(mine).RootElement.GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("action").GetString() is "Resolve" or "CallBackNotSatisfied" or "Close").Select(h => h.GetProperty("note").GetString()).ToList();
        Assert.Equal(["已对检查人员批评教育，并当面向企业致歉", "企业认为致歉流于形式", "已调整检查人员，并由局领导上门致歉", "企业仍要求追责", "经核查处理已到位，追责要求超出职责范围，予以结案"], steps);
    }

    [Fact]
    public async Task The_task_force_annotates_and_directs_at_any_stage_without_moving_the_case()
    {
        var id = (await _host.SubmitCardAsync(SupervisionHost.E2, new { type = "ReasonableDemand", description = "希望合并同一周的检查" })).GetProperty("id").GetGuid();
        var (annotated, view) = await _host.StepAsync(id, "annotate", Discipline, new { note = "此类诉求较多，请营商办汇总" });
        Assert.Equal((HttpStatusCode.OK, "Registered"), (annotated, view.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "annotate", Office, new { note = "批注" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "direct", TestIdentity.Leader(), new { note = "指示" })).Status);
        var (bare, problem) = await _host.StepAsync(id, "direct", Discipline);
        Assert.Equal(HttpStatusCode.BadRequest, bare);
        Names(problem, "note");
        await _host.AssignAsync(id, "SJ", "2026-12-20");
        var (directed, after) = await _host.StepAsync(id, "direct", Discipline, new { note = "请于本周内反馈进展" });
        Assert.Equal((HttpStatusCode.OK, "Assigned"), (directed, after.GetProperty("state").GetString()));
        Assert.Equal(2, await Sql.CountAsync(_host.Database, "case_history", "action IN ('Annotate', 'Direct') AND actor_role = 'discipline'"));
    }
}
