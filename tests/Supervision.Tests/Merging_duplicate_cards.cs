using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>合并 over HTTP: the office merges a duplicate card's case into another; both cards stay, each
/// submitter is told in its own case, the duplicate's submitter follows the answers of the case its card
/// joined, and neither reads the other's card.</summary>
public sealed class Merging_duplicate_cards : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    const string First = "检查人员暗示企业承担其午餐费用";
    const string Second = "同一检查组中午要求我司安排饭局";

    async Task<(Guid Id, string CaseNo)> CardAsync(string enterprise, string words)
    {
        var card = await _host.SubmitCardAsync(enterprise, new { type = "Misconduct", agencyCode = "YJ", description = words });
        return (card.GetProperty("id").GetGuid(), card.GetProperty("caseNo").GetString()!);
    }

    async Task<JsonElement> ReadAsync(Guid id, string token)
    {
        var (status, text) = await _host.GetAsync($"/api/supervision/cases/{id}", token);
        Assert.True(status == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_duplicate_joins_the_case_keeping_its_card_and_each_submitter_is_told()
    {
        var (kept, keptNo) = await CardAsync(SupervisionHost.E1, First);
        var (duplicate, _) = await CardAsync(SupervisionHost.E2, Second);
        var (rejected, rejectedNo) = await CardAsync(SupervisionHost.E3, "希望减少检查");
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(rejected, "reject", TestIdentity.Office(), new { note = "不属于受理范围" })).Status);
        var office = TestIdentity.Office();

        var history = await Sql.CountAsync(_host.Database, "case_history");
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.StepAsync(duplicate, "merge", TestIdentity.Leader(), new { intoCaseNo = keptNo, note = "重复反映" })).Status);
        foreach (var (body, field, status) in new (object? Body, string Field, HttpStatusCode Status)[]
        {
            (new { intoCaseNo = keptNo }, "note", HttpStatusCode.BadRequest),
            (new { note = "与前一张监督卡反映同一事项" }, "intoCaseNo", HttpStatusCode.BadRequest),
            (new { intoCaseNo = "JD2026-9999", note = "与前一张监督卡反映同一事项" }, "intoCaseNo", HttpStatusCode.UnprocessableEntity),
            (new { intoCaseNo = rejectedNo, note = "与前一张监督卡反映同一事项" }, "intoCaseNo", HttpStatusCode.UnprocessableEntity),
            (new { intoCaseNo = keptNo, note = "与前一张监督卡反映同一事项", assignedTo = "YJ" }, "assignedTo", HttpStatusCode.BadRequest),
        })
        {
            var (refused, problem) = await _host.StepAsync(duplicate, "merge", office, body);
            Assert.Equal(status, refused);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        var (itself, _) = await _host.StepAsync(kept, "merge", office, new { intoCaseNo = keptNo, note = "自身" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, itself);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(rejected, "merge", office, new { intoCaseNo = keptNo, note = "重复" })).Status);
        Assert.Equal(history, await Sql.CountAsync(_host.Database, "case_history"));

        var (merged, view) = await _host.StepAsync(duplicate, "merge", office, new { intoCaseNo = keptNo, note = "与案件反映同一检查组同一事项，合并办理" });
        Assert.Equal(HttpStatusCode.OK, merged);
        Assert.Equal("Merged", view.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await _host.StepAsync(duplicate, "send-for-sign-off", office, new { forwardedSummary = SupervisionHost.Forwarded })).Status);
        // Both cards are kept; each case has its step.
        Assert.Equal(3, await Sql.CountAsync(_host.Database, "cards"));
        Assert.Equal(history + 2, await Sql.CountAsync(_host.Database, "case_history"));

        // The case worked to its answer.
        await _host.AssignAsync(kept, "YJ", "2026-12-20");
        const string Result = "经核实，已对检查组组长诫勉谈话";
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(kept, "resolve", TestIdentity.Agency("YJ"), new { note = Result })).Status);

        // The duplicate's submitter reads why, where its card went, and the answer there; never the other card.
        var second = TestIdentity.Enterprise(SupervisionHost.E2);
        var mine = await ReadAsync(duplicate, second);
        Assert.Equal("与案件反映同一检查组同一事项，合并办理", mine.GetProperty("history").EnumerateArray().Last().GetProperty("note").GetString());
        var joined = mine.GetProperty("mergedInto");
        Assert.Equal((keptNo, "Resolved"), (joined.GetProperty("caseNo").GetString(), joined.GetProperty("state").GetString()));
        Assert.Equal(Result, joined.GetProperty("answers").EnumerateArray().Single().GetProperty("note").GetString());
        Assert.DoesNotContain(First, mine.GetRawText());
        Assert.DoesNotContain(SupervisionHost.E1, mine.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await _host.GetAsync($"/api/supervision/cases/{kept}", second)).Status);

        // The first submitter is told that another card joined its case, without whose.
        var theirs = await ReadAsync(kept, TestIdentity.Enterprise(SupervisionHost.E1));
        var told = theirs.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "MergedIn");
        Assert.False(string.IsNullOrEmpty(told.GetProperty("note").GetString()));
        Assert.DoesNotContain(Second, theirs.GetRawText());
        Assert.DoesNotContain(SupervisionHost.E2, theirs.GetRawText());
    }
}
