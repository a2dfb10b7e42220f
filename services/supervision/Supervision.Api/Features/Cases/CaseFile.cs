using System.Globalization;
using System.Net;
using Supervision.Api.Features.Printing;

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
        cases.MapGet("/{id:guid}/file.pdf", PrintPdf).RequireAuthorization().WithSummary("案卷 The same case file as PDF, with an embedded Chinese font (as its reader may read the case)");
        return cases;
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> Print(Guid id, SupervisionDb db, Actor actor, TimeProvider clock, IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var c = await ReadableAsync(id, db, actor, now, options.Value, ct);
        if (c is null) return Problems.NotFound("No such case.", $"No case {id} you may see.");
        return TypedResults.Content(Html(c, now), "text/html; charset=utf-8");
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PrintPdf(Guid id, SupervisionDb db, Actor actor, TimeProvider clock, IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var c = await ReadableAsync(id, db, actor, now, options.Value, ct);
        if (c is null) return Problems.NotFound("No such case.", $"No case {id} you may see.");
        PdfFonts.Install(options.Value.PdfFontFile);
        return TypedResults.File(Pdf(c, now), "application/pdf", $"案卷-{c.CaseNo}.pdf");
    }

    /// <summary>The case as the reader may read it, or nothing when the reader may not see it.</summary>
    static async Task<CaseResponse?> ReadableAsync(Guid id, SupervisionDb db, Actor actor, DateTimeOffset now, SupervisionOptions options, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Card).Include(x => x.History).Include(x => x.JointUnits).FirstOrDefaultAsync(x => x.Id == id, ct);
        var audience = c is null ? CaseAudience.None : CaseResponse.AudienceOf(actor, c);
        return audience == CaseAudience.None ? null : CaseResponse.For(c!, audience, now, options.Waiting);
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

    static string T(DateTimeOffset? t) => t?.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
    static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The case's particulars as label and value, empty ones left out: the same lines on the page and in the PDF.</summary>
    public static IReadOnlyList<(string Label, string Value)> Particulars(CaseResponse c)
    {
        var submitter = c.Submitter is { } s ? $"{s.Name} （{s.CreditCode}）" : c.SubmitterProtected ? "（依规保护，不予显示）" : null;
        (string, string?)[] all =
        [
            ("案件编号", c.CaseNo), ("状态", CaseLedger.States[c.State]), ("类型", CaseLedger.Types[c.Type]), ("涉及单位", c.AgencyCode),
            ("月份", c.Month), ("发生日期", D(c.OccurredOn)), ("备案编号", c.FilingNo), ("临时编号", c.ProvisionalNo),
            ("反映企业", submitter), ("反映内容", c.Description), ("转办内容", c.ForwardedSummary), ("承办单位", c.AssignedTo),
            ("办理期限", D(c.Deadline)), ("立案时间", T(c.OpenedAt)), ("办结时间", T(c.ResolvedAt)), ("结案时间", T(c.ClosedAt)),
            ("是否逾期", c.Overdue ? "是" : "否"),
        ];
        return [.. all.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => (p.Item1, p.Item2!))];
    }

    public static readonly string[] StepHeaders = ["序号", "时间", "环节", "状态", "办理人", "内容"];

    /// <summary>Each step of the history as the cells of its row.</summary>
    public static IEnumerable<IReadOnlyList<string>> Steps(CaseResponse c) => c.History.Select(h => (IReadOnlyList<string>)
    [
        h.Sequence.ToString(CultureInfo.InvariantCulture), T(h.At), h.Action, $"{CaseLedger.States[h.From]} → {CaseLedger.States[h.To]}", $"{h.ActorRole} {h.ActorId}",
        string.Join("\n", new[] { h.Note, h.AssignedTo is { } to ? $"转办：{to}" : null, h.Deadline is { } d ? $"期限：{D(d)}" : null }.Where(x => !string.IsNullOrEmpty(x))),
    ]);

    public static string Html(CaseResponse c, DateTimeOffset printedAt)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var particulars = string.Join("", Particulars(c).Select(p => $"<tr><th>{p.Label}</th><td>{E(p.Value)}</td></tr>"));
        var steps = string.Join("\n", Steps(c).Select(cells => "<tr>" + string.Join("", cells.Select(x => $"<td>{E(x).Replace("\n", "<br>")}</td>")) + "</tr>"));
        return $"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>案卷 {E(c.CaseNo)}</title><style>{Style}</style></head>
            <body><h1>监督案件案卷</h1>
            <p class="muted">案件编号 {E(c.CaseNo)} · 打印时间 {E(T(printedAt))}</p>
            <h2>案件基本情况</h2>
            <table>
            {particulars}
            </table>
            <h2>办理经过（一事一账）</h2>
            <table class="history"><thead><tr>{string.Join("", StepHeaders.Select(h => $"<th>{h}</th>"))}</tr></thead>
            <tbody>
            {steps}
            </tbody></table>
            </body></html>
            """;
    }

    /// <summary>The same case file as a filed document.</summary>
    public static byte[] Pdf(CaseResponse c, DateTimeOffset printedAt)
    {
        using var pdf = new PdfPages($"案卷 {c.CaseNo}");
        pdf.Title("监督案件案卷");
        pdf.Paragraph($"案件编号 {c.CaseNo} · 打印时间 {T(printedAt)}", 9, muted: true);
        pdf.Heading("案件基本情况");
        pdf.Table(["项目", "内容"], [0.2, 0.8], Particulars(c).Select(p => (IReadOnlyList<string>)[p.Label, p.Value]));
        pdf.Heading("办理经过（一事一账）");
        pdf.Table(StepHeaders, [0.07, 0.17, 0.12, 0.2, 0.16, 0.28], Steps(c), 8.5);
        return pdf.ToArray();
    }
}
