using System.Net;
using System.Text.Json;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>转办内容: the leader, the accused agency and the responsible unit read what the office forwards,
/// the card type, the agency and the month; never the submitter's words, the day, a code or a number
/// that points back to it, unless it consented to be named. The office and the task force read all.</summary>
public sealed class What_officials_read_of_a_case : IAsyncLifetime
{
    const string Words = "三号车间的老王说检查人员中午要我们安排饭局";
    const string Summary = "反映执法人员在检查中有吃拿卡要情形，请核实处理";
    const string FilingNo = "BA2026-YJ-00031";
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    static readonly string[] Officials = [TestIdentity.Leader(), TestIdentity.Agency("YJ"), TestIdentity.Agency("SJ")];

    /// <summary>A card about one filed inspection, submitted on 3 December about the 2nd, worked on from
    /// 20 December: the office's steps never fall on the card's days.</summary>
    async Task<Guid> CardAsync(bool consent)
    {
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-03T15:00"));
        await _host.InspectAsync(FilingNo, SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-11-30T10:00"));
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections"), n => n == 1, "the filing is known");
        var card = await _host.SubmitCardAsync(SupervisionHost.E1,
            new { type = "Misconduct", filingNo = FilingNo, description = Words, occurredOn = "2026-12-02", consentToDisclose = consent });
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-20T10:00"));
        return card.GetProperty("id").GetGuid();
    }

    /// <summary>Every string of an answer, unescaped, joined.</summary>
    static string Strings(string json)
    {
        static IEnumerable<string> Of(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => [e.GetString()!],
            JsonValueKind.Array => e.EnumerateArray().SelectMany(Of),
            JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Of(p.Value)),
            _ => [],
        };
        return string.Join('\n', Of(JsonDocument.Parse(json).RootElement));
    }

    async Task<List<string>> ReadAsync(Guid id, string token)
    {
        var (status, one) = await _host.GetAsync($"/api/supervision/cases/{id}", token);
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, list) = await _host.GetAsync("/api/supervision/cases", token);
        return [Strings(one), Strings(list)];
    }

    [Fact]
    public async Task Sending_for_sign_off_needs_the_forwarded_summary_and_a_bad_one_changes_nothing()
    {
        var id = await CardAsync(consent: false);
        var history = await Sql.CountAsync(_host.Database, "case_history");
        foreach (var (body, field) in new (object? Body, string Field)[]
        {
            (null, "forwardedSummary"),
            (new { forwardedSummary = "  " }, "forwardedSummary"),
            (new { forwardedSummary = new string('转', 2001) }, "forwardedSummary"),
            (new { forwardedSummary = "含\u0000控制字符的转办内容" }, "forwardedSummary"),
            (new { forwardedSummary = Summary, note = "另附说明" }, "note"),
        })
        {
            var (status, problem) = await _host.StepAsync(id, "send-for-sign-off", TestIdentity.Office(), body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        var (rejected, rejectProblem) = await _host.StepAsync(id, "reject", TestIdentity.Office(), new { note = "不属于受理范围", forwardedSummary = Summary });
        Assert.Equal(HttpStatusCode.BadRequest, rejected);
        Assert.True(rejectProblem.GetProperty("errors").TryGetProperty("forwardedSummary", out _), rejectProblem.ToString());
        Assert.Equal(history, await Sql.CountAsync(_host.Database, "case_history"));
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "cases", "state <> 'Registered' OR forwarded_summary IS NOT NULL"));

        var (sent, view) = await _host.StepAsync(id, "send-for-sign-off", TestIdentity.Office(), new { forwardedSummary = Summary });
        Assert.Equal(HttpStatusCode.OK, sent);
        Assert.Equal(Summary, view.GetProperty("forwardedSummary").GetString());
        // What was forwarded stays in the permanent history.
        Assert.Equal(1, await Sql.CountAsync(_host.Database, "case_history", "action = 'SendForSignOff' AND note = $1", Summary));
    }

    [Fact]
    public async Task Officials_read_the_forwarded_summary_the_type_the_agency_and_the_month_and_nothing_of_the_submitter()
    {
        var id = await CardAsync(consent: false);
        // The id officials read does not date the card (a UUIDv7 would carry its millisecond).
        Assert.Equal(4, id.Version);
        // Before the office forwards anything, officials read words that are the same for every card.
        foreach (var token in new[] { TestIdentity.Leader(), TestIdentity.Agency("YJ") })
        {
            var (_, before) = await _host.GetAsync($"/api/supervision/cases/{id}", token);
            Assert.Equal("企业提交监督卡，待营商办核实转办。", JsonDocument.Parse(before).RootElement.GetProperty("forwardedSummary").GetString());
        }
        await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = "希望合并检查" });   // another case in the lists
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "send-for-sign-off", TestIdentity.Office(), new { forwardedSummary = Summary })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "instruct", TestIdentity.Leader(), new { note = "请责任单位核实" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "assign", TestIdentity.Office(), new { assignedTo = "SJ", deadline = "2027-01-15" })).Status);

        foreach (var token in Officials)
        {
            var (_, one) = await _host.GetAsync($"/api/supervision/cases/{id}", token);
            var view = JsonDocument.Parse(one).RootElement;
            Assert.Equal((Summary, "Misconduct", "YJ", "2026-12"), (view.GetProperty("forwardedSummary").GetString(), view.GetProperty("type").GetString(),
                view.GetProperty("agencyCode").GetString(), view.GetProperty("month").GetString()));
            foreach (var text in await ReadAsync(id, token))
                foreach (var secret in new[] { Words, "2026-12-02", "2026-12-03", FilingNo, SupervisionHost.E1, SupervisionHost.E1Name })
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"an official reads {secret}");
        }
        foreach (var token in new[] { TestIdentity.Office(), TestIdentity.Discipline() })
        {
            var text = string.Join('\n', await ReadAsync(id, token));
            foreach (var all in new[] { Words, "2026-12-02", FilingNo, SupervisionHost.E1, Summary })
                Assert.Contains(all, text);
        }
    }

    [Fact]
    public async Task The_submitters_own_reopening_stays_its_own()
    {
        var id = await CardAsync(consent: false);
        await _host.AssignAsync(id, "SJ", "2027-01-15");
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "resolve", TestIdentity.Agency("SJ"), new { note = "已核实处理" })).Status);
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-24T16:00"));
        const string Again = "老王今天又在三号车间要求安排饭局";
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "reopen", TestIdentity.Enterprise(SupervisionHost.E1), new { note = Again })).Status);
        foreach (var token in Officials)
            foreach (var text in await ReadAsync(id, token))
                foreach (var secret in new[] { Again, "2026-12-24", SupervisionHost.E1 })
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"an official reads {secret}");
    }

    [Fact]
    public async Task A_submitter_that_consented_is_read_with_its_words_and_its_day()
    {
        var id = await CardAsync(consent: true);
        await _host.AssignAsync(id, "SJ", "2027-01-15");
        foreach (var token in Officials)
        {
            var text = string.Join('\n', await ReadAsync(id, token));
            foreach (var named in new[] { Words, "2026-12-02", FilingNo, SupervisionHost.E1, SupervisionHost.Forwarded })
                Assert.Contains(named, text);
        }
    }

    [Fact]
    public async Task Cases_the_system_opens_show_officials_no_code_no_number_and_no_day()
    {
        const string Code = "K7Q2M9X4";
        await _host.Bus.Publish(new UnfiledInspectionReported(Guid.NewGuid(), SupervisionHost.E2, "ZF", Code, "两名自称综合执法局的人员要求进入仓库检查",
            SupervisionHost.At("2026-11-17T09:30"), SupervisionHost.At("2026-11-17T10:00")));
        await _host.Bus.Publish(new BackfillOverdue("JJ2026-ZF-0007", "ZF", SupervisionHost.E3, new DateOnly(2026, 11, 13), SupervisionHost.At("2026-11-14T00:30")));
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "cases"), n => n == 2, "both cases are opened");

        foreach (var token in new[] { TestIdentity.Leader(), TestIdentity.Agency("ZF") })
        {
            var (_, list) = await _host.GetAsync("/api/supervision/cases", token);
            var cases = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(2, cases.Count);
            Assert.Equal(["一次紧急检查逾期未书面补报，系统已自动立案，待营商办核实转办。", "企业反映一次未出示有效备案的检查，系统已自动立案，待营商办核实转办。"],
                cases.Select(c => c.GetProperty("forwardedSummary").GetString()).Order(StringComparer.Ordinal));
            foreach (var text in cases.Select(c => Strings(c.GetRawText())))
                foreach (var secret in new[] { Code, "JJ2026-ZF-0007", "两名自称", "2026-11-13", "2026-11-14", "2026-11-17", SupervisionHost.E2, SupervisionHost.E3 })
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"an official reads {secret}");
        }
        var (_, office) = await _host.GetAsync("/api/supervision/cases", TestIdentity.Office());
        Assert.Contains(Code, Strings(office));
        Assert.Contains("JJ2026-ZF-0007", Strings(office));
    }

    [Fact]
    public async Task What_the_submitter_said_when_called_back_reaches_it_and_no_official()
    {
        var id = await CardAsync(consent: false);
        await _host.AssignAsync(id, "SJ", "2027-01-15");
        const string Result = "经核实，已对相关检查人员批评教育";
        const string Said = "老王仍在三号车间，企业负责人对处理不满意";
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "resolve", TestIdentity.Agency("SJ"), new { note = Result })).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "verify", TestIdentity.Discipline())).Status);
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(id, "call-back", TestIdentity.Office(), new { satisfied = false, note = Said })).Status);
        foreach (var token in Officials)
        {
            foreach (var text in await ReadAsync(id, token))
                foreach (var secret in new[] { Said, SupervisionHost.E1 })
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"an official reads {secret}");
            // That the submitter is not satisfied is no secret: the unit answers for it.
            var (_, one) = await _host.GetAsync($"/api/supervision/cases/{id}", token);
            Assert.Equal("Disputed", JsonDocument.Parse(one).RootElement.GetProperty("state").GetString());
        }
        var (_, mine) = await _host.GetAsync($"/api/supervision/cases/{id}", TestIdentity.Enterprise(SupervisionHost.E1));
        var steps = JsonDocument.Parse(mine).RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(Result, steps.Single(h => h.GetProperty("action").GetString() == "Resolve").GetProperty("note").GetString());
        Assert.Equal(Said, steps.Single(h => h.GetProperty("action").GetString() == "CallBackNotSatisfied").GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_card_the_office_entered_from_a_phone_call_reads_to_officials_like_any_other_card()
    {
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-03T15:00"));
        using var response = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/cards/entered", TestIdentity.Office(),
            new { source = "Phone", creditCode = SupervisionHost.E1, type = "Misconduct", agencyCode = "YJ", description = Words, occurredOn = "2026-12-02" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var entered = await response.JsonAsync();
        var id = entered.GetProperty("id").GetGuid();
        Assert.Equal(("Phone", SupervisionHost.E1), (entered.GetProperty("source").GetString(), entered.GetProperty("submitter").GetProperty("creditCode").GetString()));
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-20T10:00"));
        await _host.AssignAsync(id, "SJ", "2027-01-15");

        foreach (var token in Officials)
        {
            foreach (var text in await ReadAsync(id, token))
                foreach (var secret in new[] { Words, "2026-12-02", "2026-12-03", SupervisionHost.E1, SupervisionHost.E1Name, "Phone", "电话" })
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"an official reads {secret}");
            var (_, one) = await _host.GetAsync($"/api/supervision/cases/{id}", token);
            var view = JsonDocument.Parse(one).RootElement;
            Assert.Equal(("Enterprise", "submitter"), (view.GetProperty("source").GetString(), view.GetProperty("history")[0].GetProperty("actorRole").GetString()));
        }
        // The event that travels to other services does not tell the channel either.
        var opened = await Eventually.Until(() => Task.FromResult(_host.Published.OfType<Supervision.Contracts.CaseOpened>().ToList()), l => l.Count == 1, "the case is announced");
        Assert.Equal(Supervision.Contracts.CardSource.Enterprise, opened[0].Source);
        // The enterprise finds the card among its own, in its words, as the office took it down.
        var (_, cards) = await _host.GetAsync("/api/supervision/cards", TestIdentity.Enterprise(SupervisionHost.E1));
        var own = JsonDocument.Parse(cards).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal((Words, "Phone"), (own.GetProperty("description").GetString(), own.GetProperty("source").GetString()));
        // The retaliation watch covers it as any card: a new filing by the accused agency at the enterprise is flagged.
        await _host.InspectAsync("BA2026-YJ-00077", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2026-12-21T10:00"), unplanned: true);
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "retaliation_flags", "case_id = $1", id), n => n == 1, "the filing after the card is flagged");
    }
}
