using System.Globalization;
using System.Net;

namespace Supervision.Api.Features.Cases;

/// <summary>案卷: one case with its whole history as a print-ready page (A4, a print stylesheet, Chinese fonts
/// named for every platform). It is the case as its reader may read it (<see cref="CaseResponse.For"/>): a
/// protected complainant's words, day and code are in no official's file, and a case the reader may not see
/// does not exist (404).</summary>
public static class CaseFile
{
    public static RouteGroupBuilder MapCaseFile(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/file", Print).RequireAuthorization().WithSummary("案卷 One case with its whole history, print-ready HTML (as its reader may read the case)");
        return cases;
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> Print(Guid id, SupervisionDb db, Actor actor, TimeProvider clock, IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Card).Include(x => x.History).Include(x => x.JointUnits).FirstOrDefaultAsync(x => x.Id == id, ct);
        var audience = c is null ? CaseAudience.None : CaseResponse.AudienceOf(actor, c);
        if (audience == CaseAudience.None) return Problems.NotFound("No such case.", $"No case {id} you may see.");
        var now = clock.GetUtcNow();
        return TypedResults.Content(Html(CaseResponse.For(c!, audience, now, options.Value.Waiting), now), "text/html; charset=utf-8");
    }

    /// <summary>Screen and paper alike; on paper: A4 with margins, the page number in the footer, no step split
    /// across pages, the table's header repeated on each page.</summary>
    const string Style = """
        body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC","WenQuanYi Zen Hei",serif;max-width:760px;margin:2em auto;color:#000;line-height:1.6}
        h1{text-align:center;font-size:1.6em;letter-spacing:.2em}h2{font-size:1.15em;border-bottom:1px solid #000;margin-top:1.5em}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:.35em .5em;text-align:left;vertical-align:top}th{width:8em;background:#f2f2f2}
        .history th{width:auto}.history td:first-child{white-space:nowrap}.muted{color:#555;font-size:.9em}
        @media print{body{margin:0;max-width:none;font-size:11pt}@page{size:A4;margin:20mm 18mm;@bottom-center{content:"第 " counter(page) " 页"}}
          thead{display:table-header-group}tr{page-break-inside:avoid;break-inside:avoid}h2{page-break-after:avoid;break-after:avoid}th{background:none}}
        """;

    public static string Html(CaseResponse c, DateTimeOffset printedAt)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        static string T(DateTimeOffset? t) => t?.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        string Row(string label, string? value) => string.IsNullOrEmpty(value) ? "" : $"<tr><th>{label}</th><td>{E(value)}</td></tr>";
        var submitter = c.Submitter is { } s ? $"{s.Name} （{s.CreditCode}）" : c.SubmitterProtected ? "（依规保护，不予显示）" : null;
        var steps = string.Join("\n", c.History.Select(h => $"<tr><td>{h.Sequence}</td><td>{E(T(h.At))}</td><td>{E(h.Action)}</td>" +
            $"<td>{E(CaseLedger.States[h.From])} → {E(CaseLedger.States[h.To])}</td><td>{E(h.ActorRole)} {E(h.ActorId)}</td>" +
            $"<td>{E(h.Note)}{(h.AssignedTo is { } to ? $"<br>转办：{E(to)}" : "")}{(h.Deadline is { } d ? $"<br>期限：{E(D(d))}" : "")}</td></tr>"));
        return $"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>案卷 {E(c.CaseNo)}</title><style>{Style}</style></head>
            <body><h1>监督案件案卷</h1>
            <p class="muted">案件编号 {E(c.CaseNo)} · 打印时间 {E(T(printedAt))}</p>
            <h2>案件基本情况</h2>
            <table>
            {Row("案件编号", c.CaseNo)}{Row("状态", CaseLedger.States[c.State])}{Row("类型", CaseLedger.Types[c.Type])}{Row("涉及单位", c.AgencyCode)}
            {Row("月份", c.Month)}{Row("发生日期", D(c.OccurredOn))}{Row("备案编号", c.FilingNo)}{Row("临时编号", c.ProvisionalNo)}
            {Row("反映企业", submitter)}{Row("反映内容", c.Description)}{Row("转办内容", c.ForwardedSummary)}{Row("承办单位", c.AssignedTo)}
            {Row("办理期限", D(c.Deadline))}{Row("立案时间", T(c.OpenedAt))}{Row("办结时间", T(c.ResolvedAt))}{Row("结案时间", T(c.ClosedAt))}
            {Row("是否逾期", c.Overdue ? "是" : "否")}
            </table>
            <h2>办理经过（一事一账）</h2>
            <table class="history"><thead><tr><th>序号</th><th>时间</th><th>环节</th><th>状态</th><th>办理人</th><th>内容</th></tr></thead>
            <tbody>
            {steps}
            </tbody></table>
            </body></html>
            """;
    }
}
