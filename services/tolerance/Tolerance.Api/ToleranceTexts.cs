using ServiceDefaults;

namespace Tolerance.Api;

/// <summary>The tolerance list's rules as its answers word them, with their codes and Chinese.</summary>
public static class ToleranceTexts
{
    public static readonly IReadOnlyList<ProblemText> All =
    [
        // The list (包容免罚清单).
        new("tolerance-list.not-published", "No published tolerance list.", "没有已发布的包容免罚清单。"),
        new("tolerance-list.none-yet", "The office has not published one yet.", "营商环境办尚未发布清单。"),
        new("tolerance-list.version-not-found", "No published version {version}.", "没有已发布的第 {version} 版。"),
        new("tolerance-list.nothing-to-export", "Nothing to export.", "没有可导出的内容。"),
        new("tolerance-list.nothing-to-publish", "Nothing to publish.", "没有可发布的内容。"),
        new("tolerance-list.edit-draft-first", "Edit a draft first.", "请先编辑草稿。"),
        new("tolerance-list.item-count", "Between 1 and {max} items.", "须为 1 至 {max} 项。"),
        new("tolerance-list.item-twice", "An item code is listed twice.", "清单项编号重复列出。"),
        new("tolerance-list.item-empty", "An item cannot be empty.", "清单项不能为空。"),
        new("tolerance-list.matter-code", "The catalog code of the matter it covers.", "所适用检查事项的目录编码。"),
        new("tolerance-list.outcome", "NoPenalty, NoCompulsoryMeasure, MitigatedPenalty or LighterPenalty.", "须为不予处罚（NoPenalty）、不予实施行政强制措施（NoCompulsoryMeasure）、减轻处罚（MitigatedPenalty）或从轻处罚（LighterPenalty）。"),
        new("tolerance-list.source", "Provincial, Municipal or County.", "须为省（Provincial）、市（Municipal）或县（County）。"),
        new("tolerance-list.effective-from", "The day it takes effect.", "生效日期。"),
        new("tolerance-list.effective-to", "Ends on or after it takes effect.", "失效日期不能早于生效日期。"),
        new("tolerance-list.first-violation-months", "1 to 120 months.", "1 至 120 个月。"),
        new("tolerance-list.rectification-days", "1 to 90 days when correction within days is required.", "要求限期改正的，期限为 1 至 90 天。"),
        new("tolerance-sheet.not-xlsx", "Send the list as an xlsx file.", "请以 xlsx 文件提交清单。"),
        new("tolerance-sheet.outcome", "处理方式: 不予处罚、不予实施行政强制措施、减轻处罚 or 从轻处罚.", "处理方式：不予处罚、不予实施行政强制措施、减轻处罚或从轻处罚。"),
        new("tolerance-sheet.source", "清单来源: 省、市 or 县.", "清单来源：省、市或县。"),
        new("tolerance-sheet.rectification", "改正要求: 无、当场改正 or 限期改正.", "改正要求：无、当场改正或限期改正。"),
        new("tolerance-sheet.effective-from", "生效日期: a date such as 2026-01-01.", "生效日期：日期，如 2026-01-01。"),

        // Decisions (包容免罚决定).
        new("finding.severity", "1 to 5.", "1 至 5。"),
        new("finding.matter-code", "The matter of the finding: its catalog code.", "问题所属检查事项的目录编码。"),
        new("finding.found-on", "The day it was found.", "发现问题的日期。"),
        new("finding.corrected-on-the-spot-required", "Say whether it was corrected on the spot.", "请说明是否已当场改正。"),
        new("decision.readers", "Decisions are for the enterprise, the agency and the office.", "处理决定仅供企业、执法部门和营商环境办查看。"),
        new("decision.not-found", "No such decision.", "没有这项决定。"),
        new("decision.not-found-detail", "No decision {decision} on your findings.", "您的检查发现中没有决定 {decision}。"),
        new("decision.nothing-awaits-rectification", "Nothing awaits rectification.", "没有待确认的整改。"),
        new("decision.not-conditional", "The decision is not conditional.", "该决定不是附条件的。"),
        new("decision.already-revoked", "Already revoked.", "已撤销。"),
        new("decision.deadline-passed", "The deadline passed before the rectification was confirmed.", "整改确认前已过期限。"),
        new("figures.readers", "Figures are for the office, leaders, the task force and each agency.", "统计数据仅供营商环境办、领导、专班和各执法部门查看。"),
    ];
}
