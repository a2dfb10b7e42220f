using System.Globalization;

namespace Supervision.Api.Features.Cases;

/// <summary>一事一账台账: the case list as a spreadsheet, each case with its whole history, for every matching
/// case with no page limit. Each row is the list's own answer for its reader (<see cref="CaseResponse.For"/>):
/// the office and the task force take everything; a leader, an agency or an enterprise exactly what its list
/// shows, so a complainant's words, day and numbers leave in no file they would not leave in on screen.</summary>
public static class CaseLedger
{
    public static RouteGroupBuilder MapCaseLedger(this RouteGroupBuilder cases)
    {
        cases.MapGet("/export", Export).RequireAuthorization()
            .WithSummary("导出一事一账台账 The case ledger as xlsx with each case's history, with the list's filters; each reader exports what its list shows");
        return cases;
    }

    static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Export(SupervisionDb db, Actor actor, TimeProvider clock, IOptions<SupervisionOptions> options,
        CaseState? state, bool? overdue, bool? escalated, string? agencyCode, string? month, CancellationToken ct)
    {
        var v = new Validation();
        var now = clock.GetUtcNow();
        var (query, forbidden) = CaseViews.Matching(db, actor, now, options.Value.Waiting, v, state, overdue, escalated, agencyCode, month);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = CaseViews.Ordered(query!).AsAsyncEnumerable().Select(c => CaseResponse.For(c, CaseResponse.AudienceOf(actor, c), now, options.Value.Waiting));
        return await XlsxExport.WriteAsync(rows, Columns, "一事一账台账", $"case-ledger{(month is null ? "" : "-" + month)}.xlsx", ct);
    }

    public static readonly IReadOnlyDictionary<CaseState, string> States = new Dictionary<CaseState, string>
    {
        [CaseState.Registered] = "已登记", [CaseState.SentForSignOff] = "已送签", [CaseState.Instructed] = "已批示", [CaseState.Assigned] = "已转办",
        [CaseState.InProgress] = "办理中", [CaseState.Resolved] = "已办结待核实", [CaseState.Verified] = "已核实", [CaseState.Closed] = "已结案", [CaseState.Rejected] = "不予受理",
        [CaseState.CalledBack] = "已回访（满意）", [CaseState.Disputed] = "已回访（不满意），待专责小组决定", [CaseState.Merged] = "已并案",
    };

    public static readonly IReadOnlyDictionary<CardType, string> Types = new Dictionary<CardType, string>
    {
        [CardType.Misconduct] = "吃拿卡要", [CardType.RudeConduct] = "态度粗暴", [CardType.UnfiledInspection] = "未备案检查", [CardType.ReasonableDemand] = "合理诉求",
    };

    public static readonly IReadOnlyDictionary<CardSource, string> Sources = new Dictionary<CardSource, string>
    {
        [CardSource.Enterprise] = "企业监督卡", [CardSource.Refusal] = "拒绝检查反映", [CardSource.BackfillOverdue] = "紧急检查逾期未补报",
        [CardSource.Paper] = "纸质监督卡", [CardSource.Phone] = "电话反映", [CardSource.FaceToFaceMeeting] = "政企面对面",
    };

    /// <summary>One line a step, in order, with only what the reader's list shows of it.</summary>
    public static string History(CaseResponse c) => string.Join("\n", c.History.Select(h =>
        string.Join(" ", new[]
        {
            $"{h.Sequence}.", h.At?.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), h.Action,
            $"{States[h.From]}→{States[h.To]}", h.ActorRole, h.ActorId, h.AssignedTo is { } to ? $"转办:{to}" : null,
            h.Deadline is { } d ? $"期限:{d:yyyy-MM-dd}" : null, h.Note,
        }.Where(x => !string.IsNullOrEmpty(x)))));

    static readonly XlsxColumn<CaseResponse>[] Columns =
    [
        new("案件编号", c => c.CaseNo), new("状态", c => States[c.State]), new("类型", c => Types[c.Type]), new("来源", c => Sources[c.Source]),
        new("涉及单位", c => c.AgencyCode), new("月份", c => c.Month), new("发生日期", c => c.OccurredOn), new("备案编号", c => c.FilingNo),
        new("临时编号", c => c.ProvisionalNo), new("反映内容", c => c.Description), new("转办内容", c => c.ForwardedSummary),
        new("反映企业", c => c.Submitter is { } s ? $"{s.Name} {s.CreditCode}".Trim() : c.SubmitterProtected ? "（受保护）" : null),
        new("承办单位", c => c.AssignedTo), new("办理期限", c => c.Deadline), new("立案时间", c => c.OpenedAt), new("最近更新", c => c.LastUpdateAt),
        new("办结时间", c => c.ResolvedAt), new("结案时间", c => c.ClosedAt), new("逾期", c => c.Overdue), new("督办层级", c => c.EscalationLevel),
        new("办理经过", History),
    ];
}
