using System.Globalization;
using System.Net;
using Supervision.Api.Features.Printing;

namespace Supervision.Api.Features.Reports;

/// <summary>The report on paper: print-ready HTML (A4, a print stylesheet, the chart as SVG) and the same
/// content as PDF (the chart drawn as shapes). Each indicator's row in the HTML carries its API path and raw
/// values (<c>data-indicator</c>, <c>data-now</c>, <c>data-before</c>), so a reader's tool can check it.</summary>
public static class ReformReportPages
{
    const string Style = """
        body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC","WenQuanYi Zen Hei",serif;max-width:860px;margin:2em auto;color:#000;line-height:1.6}
        h1{text-align:center;font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #000;margin-top:1.5em}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:.3em .45em;text-align:left;vertical-align:top}th{background:#f2f2f2}
        td.n{text-align:right;white-space:nowrap}.muted{color:#555;font-size:.9em}.def{color:#333;font-size:.9em}
        svg text{font-size:12px}
        @media print{body{margin:0;max-width:none;font-size:10.5pt}@page{size:A4;margin:20mm 16mm;@bottom-center{content:"第 " counter(page) " 页"}}
          thead{display:table-header-group}tr,figure{page-break-inside:avoid;break-inside:avoid}h2{page-break-after:avoid;break-after:avoid}th{background:none}}
        """;

    static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
    static string Raw(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
    static string Day(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
    static string Time(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>What the chart compares: the counts of the reform's chain, in the period and a year before.</summary>
    public static IReadOnlyList<(string Label, double Now, double Before)> Chart(ReformReportContent r)
    {
        (string, Func<Indicators.IndicatorsResponse, double>)[] bars =
        [
            ("申报检查次数", i => i.Plan.DeclaredVisits), ("计划检查次数", i => i.Plan.PlannedVisits), ("实施检查次数", i => i.Inspections.Completed),
            ("联合检查次数", i => i.Inspections.Joint), ("单独执法次数", i => i.Inspections.Solo), ("容错决定", i => i.Tolerance.Decisions), ("监督案件立案", i => i.Cases.Opened),
        ];
        return [.. bars.Select(b => (b.Item1, b.Item2(r.Now), b.Item2(r.Before)))];
    }

    static string Svg(ReformReportContent r, string nowLegend, string beforeLegend)
    {
        var series = Chart(r);
        const int labelWidth = 120, barHeight = 12, gap = 8, width = 760, top = 28;
        var max = Math.Max(1, series.Max(s => Math.Max(s.Now, s.Before)));
        var span = width - labelWidth - 60;
        var height = top + series.Count * (2 * barHeight + gap);
        string W(double v) => (span * v / max).ToString("0.#", CultureInfo.InvariantCulture);
        var bars = string.Join("\n", series.Select((s, i) =>
        {
            var y = top + i * (2 * barHeight + gap);
            return $"""<text x="{labelWidth - 6}" y="{y + barHeight + 4}" text-anchor="end">{E(s.Label)}</text>""" +
                   $"""<rect x="{labelWidth}" y="{y}" width="{W(s.Now)}" height="{barHeight}" fill="#4682b4"/><text x="{labelWidth + 4 + span * s.Now / max:0.#}" y="{y + barHeight - 2}">{s.Now:0.##}</text>""" +
                   $"""<rect x="{labelWidth}" y="{y + barHeight}" width="{W(s.Before)}" height="{barHeight}" fill="#b0c4de"/><text x="{labelWidth + 4 + span * s.Before / max:0.#}" y="{y + 2 * barHeight - 2}">{s.Before:0.##}</text>""";
        }));
        var summary = string.Join("；", series.Select(s => $"{s.Label} {s.Now:0.##}（上年同期 {s.Before:0.##}）"));
        return $"""
            <figure><svg role="img" aria-labelledby="chart-title" viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">
            <title id="chart-title">{E(summary)}</title>
            <rect x="0" y="4" width="12" height="10" fill="#4682b4"/><text x="16" y="14">{E(nowLegend)}</text>
            <rect x="140" y="4" width="12" height="10" fill="#b0c4de"/><text x="156" y="14">{E(beforeLegend)}</text>
            {bars}
            </svg><figcaption class="muted">图1 主要数量指标与上年同期对比</figcaption></figure>
            """;
    }

    static IEnumerable<IReadOnlyList<string>> RankingRows(PublishedRanking ranking) => ranking.Agencies
        .OrderBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.AgencyCode, StringComparer.Ordinal)
        .Select(a => (IReadOnlyList<string>)
        [
            a.Rank?.ToString(CultureInfo.InvariantCulture) ?? "不排名", a.AgencyCode, a.Ratings.ToString(CultureInfo.InvariantCulture),
            a.Mean.ToString("0.00", CultureInfo.InvariantCulture), a.AdjustedMean.ToString("0.00", CultureInfo.InvariantCulture),
            a.Low is { } low && a.High is { } high ? $"{low:0.00}–{high:0.00}" : "—",
        ]);

    static readonly string[] RankingHeaders = ["名次", "执法单位", "评价数", "均分", "调整均分", "95%区间"];
    static readonly string[] LineHeaders = ["指标", "定义", "本期", "上年同期", "同比"];

    static string Legend(ReformReportContent r) => $"本期（{Day(r.From)}至{Day(r.To)}）";
    static string BeforeLegend(ReformReportContent r) => $"上年同期（{Day(r.From.AddYears(-1))}至{Day(r.To.AddYears(-1))}）";

    static string Summary(ReformReportContent r)
    {
        var p = r.Now.Plan;
        return $"本期申报检查 {p.DeclaredVisits} 次，合并、取消后计划检查 {p.PlannedVisits} 次，精简率 {ReformReport.Figure(p.ReductionRate, Scale.Share)}" +
               $"（其中合并 {ReformReport.Figure(p.ReductionByMerging, Scale.Share)}，取消不必要事项 {ReformReport.Figure(p.ReductionByCancelling, Scale.Share)}）；" +
               $"单独执法 {r.Now.Inspections.Solo} 次，上年同期 {r.Now.Inspections.SoloYearBefore} 次，同比 {ReformReport.Figure(r.Now.Inspections.SoloYearOnYearChange, Scale.Share)}。";
    }

    public static string Html(ReformReportContent r)
    {
        var sections = string.Join("\n", r.Lines.GroupBy(l => l.Section).Select(g =>
            $"<tr><th colspan=\"5\" scope=\"rowgroup\">{E(g.Key)}</th></tr>" + string.Join("", g.Select(l =>
                $"<tr data-indicator=\"{E(l.Key)}\" data-now=\"{Raw(l.Now)}\" data-before=\"{Raw(l.Before)}\"><th scope=\"row\">{E(l.Name)}</th><td class=\"def\">{E(l.Definition)}</td>" +
                $"<td class=\"n\">{E(ReformReport.Figure(l.Now, l.Scale))}</td><td class=\"n\">{E(ReformReport.Figure(l.Before, l.Scale))}</td><td class=\"n\">{E(ReformReport.Change(l))}</td></tr>"))));
        var ranking = r.Ranking is { } published
            ? $"<p class=\"muted\">{Time(published.PublishedAt)} 公示；评价数少于 {published.MinimumSample} 的单位列示不排名。</p><table><thead><tr>{string.Join("", RankingHeaders.Select(h => $"<th scope=\"col\">{h}</th>"))}</tr></thead><tbody>" +
              string.Join("", RankingRows(published).Select(row => "<tr>" + string.Join("", row.Select(c => $"<td>{E(c)}</td>")) + "</tr>")) + "</tbody></table>"
            : "<p>本期评议排名尚未公示。</p>";
        return $"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{E(r.Title)}</title><style>{Style}</style></head>
            <body><h1>{E(r.Title)}</h1>
            <p class="muted">统计期间 {Day(r.From)}至{Day(r.To)} · 对比期间 {Day(r.From.AddYears(-1))}至{Day(r.To.AddYears(-1))} · 生成时间 {Time(r.PrintedAt)}</p>
            <h2>一、总体情况</h2><p>{E(Summary(r))}</p>
            {Svg(r, Legend(r), BeforeLegend(r))}
            <h2>二、指标及定义</h2>
            <table class="indicators"><thead><tr>{string.Join("", LineHeaders.Select(h => $"<th scope=\"col\">{h}</th>"))}</tr></thead><tbody>
            {sections}
            </tbody></table>
            <h2>三、执法质效评议排名</h2>
            {ranking}
            </body></html>
            """;
    }

    public static byte[] Pdf(ReformReportContent r)
    {
        using var pdf = new PdfPages(r.Title);
        pdf.Title(r.Title);
        pdf.Paragraph($"统计期间 {Day(r.From)}至{Day(r.To)} · 对比期间 {Day(r.From.AddYears(-1))}至{Day(r.To.AddYears(-1))} · 生成时间 {Time(r.PrintedAt)}", 9, muted: true);
        pdf.Heading("一、总体情况");
        pdf.Paragraph(Summary(r));
        pdf.Bars(Chart(r), Legend(r), BeforeLegend(r));
        pdf.Paragraph("图1 主要数量指标与上年同期对比", 9, muted: true);
        pdf.Heading("二、指标及定义");
        foreach (var section in r.Lines.GroupBy(l => l.Section))
        {
            pdf.Paragraph(section.Key, 11);
            pdf.Table(LineHeaders, [0.2, 0.41, 0.12, 0.12, 0.15], section.Select(l => (IReadOnlyList<string>)
                [l.Name, l.Definition, ReformReport.Figure(l.Now, l.Scale), ReformReport.Figure(l.Before, l.Scale), ReformReport.Change(l)]), 9);
        }
        pdf.Heading("三、执法质效评议排名");
        if (r.Ranking is { } published)
        {
            pdf.Paragraph($"{Time(published.PublishedAt)} 公示；评价数少于 {published.MinimumSample} 的单位列示不排名。", 9, muted: true);
            pdf.Table(RankingHeaders, [0.12, 0.28, 0.12, 0.14, 0.14, 0.2], RankingRows(published));
        }
        else pdf.Paragraph("本期评议排名尚未公示。");
        return pdf.ToArray();
    }
}
