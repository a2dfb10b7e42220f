using System.Globalization;
using Supervision.Api.Features.Indicators;
using Supervision.Api.Features.Printing;

namespace Supervision.Api.Features.Reports;

/// <summary>One line of the report: an indicator (<see cref="Key"/> is its path in the indicators API), its
/// definition, and its value in the period and in the same period a year before.</summary>
public sealed record ReportLine(string Key, string Section, string Name, string Definition, double? Now, double? Before, Scale Scale);

public enum Scale { Count, Share, Score }

/// <summary>The quarterly or annual reform report the office sends upward.</summary>
public sealed record ReformReportContent(string Period, string Title, DateOnly From, DateOnly To, IndicatorsResponse Now, IndicatorsResponse Before,
    IReadOnlyList<ReportLine> Lines, PublishedRanking? Ranking, DateTimeOffset PrintedAt);

/// <summary>季度/年度报告: every indicator with its definition beside the same period a year before, the
/// reduction rate split into merging and cancelling, the published ranking and a chart; print-ready HTML
/// and PDF. Its figures are <see cref="ReformIndicators"/>' own, computed once for each of the two periods,
/// so the report and the indicators API cannot differ.</summary>
public static class ReformReport
{
    public static RouteGroupBuilder MapReformReport(this RouteGroupBuilder group)
    {
        group.MapGet("/", Html).RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Leader, Roles.Discipline))
            .WithSummary("改革工作报告 The quarterly or annual reform report, print-ready HTML (office, leaders, task force)");
        group.MapGet("/pdf", Pdf).RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Leader, Roles.Discipline))
            .WithSummary("改革工作报告 The same report as PDF, with an embedded Chinese font");
        return group;
    }

    static async Task<Results<ContentHttpResult, ValidationProblem>> Html(string? period, SupervisionDb db, TimeProvider clock, IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
        return TypedResults.Content(ReformReportPages.Html(await AssembleAsync(db, parsed, clock.GetUtcNow(), options.Value, ct)), "text/html; charset=utf-8");
    }

    static async Task<Results<FileContentHttpResult, ValidationProblem>> Pdf(string? period, SupervisionDb db, TimeProvider clock, IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
        var report = await AssembleAsync(db, parsed, clock.GetUtcNow(), options.Value, ct);
        PdfFonts.Install(options.Value.PdfFontFile);
        return TypedResults.File(ReformReportPages.Pdf(report), "application/pdf", $"{report.Title}.pdf");
    }

    public static async Task<ReformReportContent> AssembleAsync(SupervisionDb db, Period period, DateTimeOffset now, SupervisionOptions options, CancellationToken ct)
    {
        var before = YearBefore(period);
        var current = await ReformIndicators.ComputeAsync(db, period.Code, period.From, period.To, now, options.RatingAnonymityThreshold, ct);
        var previous = await ReformIndicators.ComputeAsync(db, before.Code, before.From, before.To, now, options.RatingAnonymityThreshold, ct);
        var ranking = await db.Rankings.AsNoTracking().FirstOrDefaultAsync(r => r.Period == period.Code, ct);
        return new ReformReportContent(period.Code, TitleOf(period), period.From, period.To, current, previous, Lines(current, previous), ranking, now);
    }

    /// <summary>The same quarter or year, a year earlier.</summary>
    public static Period YearBefore(Period period)
    {
        var year = (period.From.Year - 1).ToString(CultureInfo.InvariantCulture);
        var code = period.Code.Length > 4 ? year + period.Code[4..] : year;
        return new Period(code, period.From.AddYears(-1), period.To.AddYears(-1));
    }

    static readonly string[] QuarterNames = ["一", "二", "三", "四"];

    public static string TitleOf(Period period) => period.Code.Length > 4
        ? $"园区执法“瘦身”改革工作{period.From.Year}年第{QuarterNames[(period.From.Month - 1) / 3]}季度报告"
        : $"园区执法“瘦身”改革工作{period.From.Year}年度报告";

    /// <summary>How a figure is printed: counts whole, shares as percentages to a hundredth, scores to a hundredth; "—" where there is nothing to divide.</summary>
    public static string Figure(double? value, Scale scale) => value switch
    {
        null => "—",
        { } v when scale == Scale.Share => (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
        { } v => v.ToString("0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>The change against the year before: counts as a relative change, shares in percentage points.</summary>
    public static string Change(ReportLine line) => (line.Now, line.Before) switch
    {
        ({ } n, { } b) when line.Scale == Scale.Share => ((n - b) * 100).ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) + " 个百分点",
        ({ } n, { } b) when b != 0 => ((n - b) / b * 100).ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%",
        _ => "—",
    };

    static readonly Dictionary<string, string> Outcomes = new(StringComparer.Ordinal)
    {
        ["NoPenalty"] = "不予处罚", ["NoCompulsoryMeasure"] = "不予实施行政强制措施", ["MitigatedPenalty"] = "减轻处罚", ["LighterPenalty"] = "从轻处罚",
    };

    /// <summary>Every indicator of the API, in the API's order, with the definition a reader of the report needs.</summary>
    public static IReadOnlyList<ReportLine> Lines(IndicatorsResponse now, IndicatorsResponse before)
    {
        var lines = new List<ReportLine>();
        void Add(string key, string section, string name, string definition, Func<IndicatorsResponse, double?> value, Scale scale = Scale.Count) =>
            lines.Add(new ReportLine(key, section, name, definition, value(now), value(before), scale));

        const string plan = "计划清单（能简则简、应合尽合）";
        Add("plan.plansPublished", plan, "发布计划清单", "本期发布的园区执法检查工作计划清单份数", i => i.Plan.PlansPublished);
        Add("plan.declaredVisits", plan, "申报检查次数", "各执法单位申报的计划检查次数（合并前）", i => i.Plan.DeclaredVisits);
        Add("plan.plannedVisits", plan, "计划检查次数", "合并、取消后计划清单中的检查次数", i => i.Plan.PlannedVisits);
        Add("plan.plannedJointVisits", plan, "其中联合检查", "计划清单中多个单位一次进企业的检查次数", i => i.Plan.PlannedJointVisits);
        Add("plan.plannedSoloVisits", plan, "其中单独检查", "计划清单中一个单位单独进企业的检查次数", i => i.Plan.PlannedSoloVisits);
        Add("plan.reductionRate", plan, "精简率", "1 − 计划检查次数 ÷ 申报检查次数", i => i.Plan.ReductionRate, Scale.Share);
        Add("plan.mergeableShareOfMatters", plan, "可合并事项占比", "涉企检查事项中可合并检查事项所占比例（最近发布的计划清单）", i => i.Plan.MergeableShareOfMatters, Scale.Share);
        Add("plan.reductionByMerging", plan, "精简率：合并所致", "同一企业同一事项一次检查、可合并事项联合检查所减少的次数 ÷ 申报检查次数", i => i.Plan.ReductionByMerging, Scale.Share);
        Add("plan.reductionByCancelling", plan, "精简率：取消所致", "营商办取消的不必要事项所减少的次数 ÷ 申报检查次数", i => i.Plan.ReductionByCancelling, Scale.Share);

        const string inspections = "实施检查";
        Add("inspections.completed", inspections, "实施检查次数", "本期完成的进企业检查次数", i => i.Inspections.Completed);
        Add("inspections.joint", inspections, "联合检查次数", "两个及以上单位一次进企业完成的检查次数", i => i.Inspections.Joint);
        Add("inspections.solo", inspections, "单独执法次数", "一个单位单独进企业完成的检查次数", i => i.Inspections.Solo);
        Add("inspections.soloYearBefore", inspections, "上年同期单独执法次数", "上年同一期间的单独执法次数", i => i.Inspections.SoloYearBefore);
        Add("inspections.soloYearOnYearChange", inspections, "单独执法同比变化", "（单独执法次数 − 上年同期）÷ 上年同期", i => i.Inspections.SoloYearOnYearChange, Scale.Share);

        const string filing = "检查备案";
        Add("filing.filedBeforehand", filing, "事前备案检查", "检查前书面备案、本期完成的检查次数", i => i.Filing.FiledBeforehand);
        Add("filing.emergencyPreFilings", filing, "紧急口头备案", "紧急情况下经分管负责人口头申请备案的检查次数（撤回的不计）", i => i.Filing.EmergencyPreFilings);
        Add("filing.unfiledReported", filing, "企业报告未备案检查", "企业拒绝并报告的未备案检查次数", i => i.Filing.UnfiledReported);
        Add("filing.coverage", filing, "备案覆盖率", "事前备案检查 ÷（事前备案 + 紧急口头备案 + 报告未备案）", i => i.Filing.Coverage, Scale.Share);
        Add("filing.writtenFilingsOnTime", filing, "按时书面补报", "紧急检查结束后5个工作日内书面补报的次数", i => i.Filing.WrittenFilingsOnTime);
        Add("filing.writtenFilingsLate", filing, "逾期书面补报", "超过5个工作日补报或逾期未补报的次数", i => i.Filing.WrittenFilingsLate);
        Add("filing.writtenFilingsPending", filing, "待书面补报", "尚在补报期限内、未补报的次数", i => i.Filing.WrittenFilingsPending);
        Add("filing.onTimeShare", filing, "按时补报率", "按时书面补报 ÷（按时 + 逾期）", i => i.Filing.OnTimeShare, Scale.Share);

        const string tolerance = "包容审慎（容错清单）";
        Add("tolerance.decisions", tolerance, "容错决定", "本期作出的容错决定数（被更正取代的不计）", i => i.Tolerance.Decisions);
        Add("tolerance.tolerated", tolerance, "予以容错", "依容错清单不予处罚或不予实施行政强制措施等的决定数", i => i.Tolerance.Tolerated);
        Add("tolerance.conditionallyTolerated", tolerance, "附条件容错", "以限期改正等为条件容错的决定数", i => i.Tolerance.ConditionallyTolerated);
        Add("tolerance.notTolerated", tolerance, "不予容错", "不符合容错条件的决定数", i => i.Tolerance.NotTolerated);
        Add("tolerance.revoked", tolerance, "撤销", "作出后被撤销的决定数", i => i.Tolerance.Revoked);
        foreach (var outcome in now.Tolerance.ByOutcome.Keys.Union(before.Tolerance.ByOutcome.Keys).Order(StringComparer.Ordinal))
            Add($"tolerance.byOutcome.{outcome}", tolerance, $"处理结果：{Outcomes.GetValueOrDefault(outcome, outcome)}", "按处理结果统计的容错决定数",
                i => i.Tolerance.ByOutcome.TryGetValue(outcome, out var n) ? n : 0);

        const string cases = "监督案件（一事一账）";
        Add("cases.opened", cases, "立案", "本期由监督卡立案的案件数", i => i.Cases.Opened);
        Add("cases.rejected", cases, "不予立案", "本期不予立案的监督卡数", i => i.Cases.Rejected);
        Add("cases.closed", cases, "结案", "本期结案的案件数", i => i.Cases.Closed);
        Add("cases.closedOnTime", cases, "按期办结", "在办理期限内办结的结案案件数", i => i.Cases.ClosedOnTime);
        Add("cases.closedOnTimeShare", cases, "按期办结率", "按期办结 ÷ 结案", i => i.Cases.ClosedOnTimeShare, Scale.Share);
        Add("cases.openPastDeadline", cases, "超期未办结", "打印时已过办理期限仍在办理的案件数", i => i.Cases.OpenPastDeadline);
        Add("cases.overdueFlags", cases, "逾期预警", "本期发出的逾期预警次数", i => i.Cases.OverdueFlags);

        const string evaluations = "执法质效你来评";
        Add("evaluations.ratings", evaluations, "企业评价数", "企业对本期完成检查的评价数", i => i.Evaluations.Ratings);
        Add("evaluations.meanScore", evaluations, "平均评分", "已发布评价的平均分（按季度成组发布，每组不少于规定数量）", i => i.Evaluations.MeanScore, Scale.Score);
        return lines;
    }
}
