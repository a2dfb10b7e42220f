using System.Net;
using Npgsql;
using Supervision.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>Over the real HTTP surface and database: a card becomes a case and goes through sign-off,
/// instruction, transfer, updates, resolution, verification, call-back and closing; every wrong step is refused;
/// the history records who, when and what, and the database refuses to edit it.</summary>
public sealed class Working_a_case : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_card_is_worked_to_its_end_and_every_step_stays_in_the_history()
    {
        var card = await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "Misconduct", agencyCode = "YJ", description = "检查人员暗示企业承担其午餐费用", occurredOn = "2026-11-30" });
        var id = card.GetProperty("id").GetGuid();
        Assert.Equal("Registered", card.GetProperty("state").GetString());
        Assert.StartsWith("JD2026-", card.GetProperty("caseNo").GetString());
        var opened = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<CaseOpened>().ToList()), l => l.Count == 1, "the case is announced");
        Assert.Equal((CardType.Misconduct, CardSource.Enterprise, "YJ"), (opened[0].CardType, opened[0].Source, opened[0].AgencyCode));

        string office = TestIdentity.Office(), leader = TestIdentity.Leader(), discipline = TestIdentity.Discipline(), submitter = TestIdentity.Enterprise(SupervisionHost.E1);
        // Out of order: 409 with the reason; wrong role: 403 before the case is even read.
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "instruct", leader, new { note = "批示" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "verify", discipline)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "send-for-sign-off", TestIdentity.Agency("YJ"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "send-for-sign-off", leader)).Status);

        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "send-for-sign-off", office, new { revision = 0, forwardedSummary = SupervisionHost.Forwarded })).Status);
        // The instruction is its text: without it, 400 naming the field.
        var (noText, problem) = await _host.StepAsync(id, "instruct", leader, new { note = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noText);
        Assert.True(problem.GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "instruct", leader, new { note = "请县市场监管局牵头核查，两周内办结并反馈企业" })).Status);
        // Acting on what one read before another step: 409.
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "assign", office, new { assignedTo = "SJ", deadline = "2026-12-15", revision = 1 })).Status);
        var (assigned, afterAssign) = await _host.StepAsync(id, "assign", office, new { assignedTo = "SJ", deadline = "2026-12-15", revision = 2 });
        Assert.Equal(HttpStatusCode.OK, assigned);
        Assert.Equal(("Assigned", "SJ", "2026-12-15"), (afterAssign.GetProperty("state").GetString(), afterAssign.GetProperty("assignedTo").GetString(), afterAssign.GetProperty("deadline").GetString()));

        // The accused agency sees the case but is not the responsible unit; another agency does not see it at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "progress", TestIdentity.Agency("YJ"), new { note = "已自查" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.StepAsync(id, "progress", TestIdentity.Agency("XF"), new { note = "已自查" })).Status);
        _host.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", TestIdentity.Agency("SJ"), new { note = "已约谈相关检查人员，正在调取执法记录仪" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "progress", TestIdentity.Agency("SJ"), new { note = "已核实，拟给予批评教育" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "close", office)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "resolve", TestIdentity.Agency("SJ"), new { note = "情况属实，已对当事人诫勉谈话并向企业致歉" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(id, "verify", office)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "verify", discipline, new { note = "核查属实，处理到位" })).Status);
        // Closing waits for the call-back (回访).
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "close", office, new { note = "办结归档" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "call-back", office, new { satisfied = true, note = "企业表示满意" })).Status);
        var (closedStatus, closed) = await _host.StepAsync(id, "close", office, new { note = "办结归档" });
        Assert.Equal(HttpStatusCode.OK, closedStatus);
        Assert.Equal("Closed", closed.GetProperty("state").GetString());

        // The submitter is not satisfied: reopened (with the reason), then rejected by the office, which it sees.
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.StepAsync(id, "reopen", submitter)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.StepAsync(id, "reopen", TestIdentity.Enterprise(SupervisionHost.E2), new { note = "不满意" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "reopen", submitter, new { note = "涉事人员仍在我企业检查" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "reject", office, new { note = "人员调配属县市场监管局内部事项，已转该局处理" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(id, "reject", office, new { note = "再次" })).Status);

        var (_, mine) = await _host.GetAsync($"/api/supervision/cases/{id}", submitter);
        var view = System.Text.Json.JsonDocument.Parse(mine).RootElement;
        Assert.Equal("Rejected", view.GetProperty("state").GetString());
        var steps = view.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Opened", "SendForSignOff", "Instruct", "Assign", "UpdateProgress", "UpdateProgress", "Resolve", "Verify", "CallBackSatisfied", "Close", "Reopen", "Reject"],
            steps.Select(s => s.GetProperty("action").GetString()));
        Assert.Equal(Enumerable.Range(1, 12), steps.Select(s => s.GetProperty("sequence").GetInt32()));
        Assert.Equal("企业表示满意", steps[8].GetProperty("note").GetString());   // the call-back's outcome reaches the submitter
        Assert.Equal("人员调配属县市场监管局内部事项，已转该局处理", steps[^1].GetProperty("note").GetString());
        Assert.Equal("情况属实，已对当事人诫勉谈话并向企业致歉", steps[6].GetProperty("note").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, steps[2].GetProperty("note").ValueKind);   // the leader's instruction is internal

        var (_, full) = await _host.GetAsync($"/api/supervision/cases/{id}", office);
        var officeSteps = System.Text.Json.JsonDocument.Parse(full).RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(("leader", "county-leader", "test-client"), (officeSteps[2].GetProperty("actorRole").GetString(), officeSteps[2].GetProperty("actorId").GetString(), officeSteps[2].GetProperty("actorClient").GetString()));
        Assert.Equal("responsible-unit", officeSteps[4].GetProperty("actorRole").GetString());
        Assert.Equal("agency-SJ", officeSteps[4].GetProperty("actorId").GetString());

        // The history is permanent: the database refuses to change or remove a step.
        await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<int>(_host.Database, "UPDATE case_history SET note = 'rewritten' WHERE sequence = 3"));
        await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<int>(_host.Database, "DELETE FROM case_history"));
        await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<int>(_host.Database, "UPDATE cards SET description = 'rewritten'"));
        Assert.Equal(12, await Sql.CountAsync(_host.Database, "case_history"));
        Assert.Equal(1, await Sql.CountAsync(_host.Database, "case_history", "note = '请县市场监管局牵头核查，两周内办结并反馈企业'"));
    }

    [Fact]
    public async Task Two_officials_acting_at_once_get_one_step_and_one_conflict()
    {
        var card = await _host.SubmitCardAsync(SupervisionHost.E2, new { type = "ReasonableDemand", description = "希望将季度消防检查与安全生产检查合并进行" });
        var id = card.GetProperty("id").GetGuid();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.StepAsync(id, "send-for-sign-off", TestIdentity.Office(), new { forwardedSummary = SupervisionHost.Forwarded })));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        Assert.Equal(2, await Sql.CountAsync(_host.Database, "case_history"));
    }
}
