using ServiceDefaults;

namespace Filing.Api;

/// <summary>The filing list's rules as its answers word them, with their codes and Chinese.</summary>
public static class FilingTexts
{
    public static readonly IReadOnlyList<ProblemText> All =
    [
        // Filing an inspection (检查备案).
        new("filing.visit-or-reason", "Name the scheduled visit, or give the reason for an unplanned inspection, not both.", "请填写计划中的检查（联合检查编号），或说明计划外检查的理由，二者只填其一。"),
        new("filing.window-in-past", "A filing is made before the inspection starts.", "须在检查开始前备案。"),
        new("filing.request-key", "1 to 100 visible ASCII characters, unique per filing.", "1 至 100 个可见 ASCII 字符，每次备案各不相同。"),
        new("filing.no-such-visit", "No such scheduled visit.", "没有这项计划检查。"),
        new("filing.visit-not-published", "No published plan has visit {visit}.", "已发布的计划中没有检查 {visit}。"),
        new("filing.not-lead-agency", "The lead agency of {visit} is {agency}; only it files the visit.", "{visit} 的牵头部门是 {agency}，只能由它备案。"),
        new("filing.outside-visit-window", "The window is outside the visit's window.", "时间窗口超出了计划检查的时间窗口。"),
        new("filing.plan-window", "The plan allows {from} to {to}.", "计划允许的时间为 {from} 至 {to}。"),
        new("filing.unknown-references", "The filing names what the registry does not know.", "备案中有名录中不存在的内容。"),
        new("filing.enterprise-unlisted", "Not in the park's registry: nothing unlisted may be inspected.", "该企业不在园区名录中：名录外企业不得检查。"),
        new("filing.matters-unknown", "Name 1 to 50 matters of the catalog.", "请填写 1 至 50 项检查事项目录中的事项。"),
        new("filing.matter-not-participating", "Each matter must belong to a participating agency.", "每项检查事项都须属于参加检查的部门。"),
        new("filing.inspector-not-participating", "Every inspector comes from a participating agency.", "检查人员须来自参加检查的部门。"),
        new("filing.inspector-strangers", "Not from a participating agency: {inspectors}.", "不属于参加检查的部门：{inspectors}。"),
        new("filing.inspector-twice", "An inspector is listed twice.", "检查人员重复列出。"),
        new("filing.quiet-period", "The enterprise is not to be disturbed then (无事不扰).", "该期间为企业免打扰期（无事不扰）。"),
        new("filing.quiet-period-dates", "{from} to {to}: {reason}.", "{from} 至 {to}：{reason}。"),
        new("filing.yearly-cap", "The yearly cap of inspections at this enterprise is reached.", "该企业本年度检查次数已达上限。"),
        new("filing.yearly-cap-matter", "{matter}: the enterprise has had its allowed inspections of this matter this year.", "{matter}：该企业本年度此事项的检查次数已达上限。"),
        new("filing.filed-concurrently", "Filed at the same moment by another request.", "另一请求同时提交了备案。"),
        new("filing.filed-concurrently-detail", "The visit is filed already, or send the filing again for a new number.", "该检查已备案；如需新编号，请重新提交。"),
        new("filing.request-key-reused", "The Idempotency-Key was used for another filing.", "该 Idempotency-Key 已用于另一份备案。"),
        new("filing.request-key-reused-detail", "Filing {filing} was made with this key; use a new key for a new filing.", "备案 {filing} 已使用此键；新备案请用新键。"),
        new("filing.not-found", "No such filing.", "没有这份备案。"),
        new("filing.not-found-detail", "No filing {filing} that you may see.", "没有您可查看的备案 {filing}。"),
        new("filing.readers", "Filings are for agencies, enterprises and the office.", "备案仅供执法部门、企业和营商环境办查看。"),

        // Verification on arrival (亮码检查).
        new("verification.unknown-code", "No filing has this code.", "没有与此核验码对应的备案。"),
        new("verification.may-refuse", "Without a valid filing you may refuse the inspection and report it (企业可以拒绝检查).", "没有有效备案的检查，企业可以拒绝并报告（企业可以拒绝检查）。"),

        // Recording the inspection.
        new("inspection.only-lead-agency", "Only {agency}, which filed it, records this inspection.", "只有备案的 {agency} 可以记录这次检查。"),
        new("inspection.cannot-start", "The inspection cannot start.", "检查不能开始。"),
        new("inspection.status", "It is {status}.", "当前状态为 {status}。"),
        new("inspection.outside-window", "Outside the filed window.", "超出了备案的时间窗口。"),
        new("inspection.filed-window", "The filing covers {from} to {to}; file again for another time.", "备案时间为 {from} 至 {to}；其他时间请重新备案。"),
        new("inspection.cannot-complete", "The inspection cannot be completed.", "检查不能完成。"),
        new("inspection.started-once", "It is {status}; an inspection is started once and completed once.", "当前状态为 {status}；一次检查只能开始一次、完成一次。"),
        new("finding.matter-not-filed", "One of the filed matters.", "须为备案中的检查事项之一。"),
        new("finding.severity", "Severity from 1 (minor) to 5 (grave).", "严重程度为 1（轻微）至 5（严重）。"),
        new("finding.corrected-on-the-spot-required", "Say whether it was corrected on the spot (立行立改).", "请说明是否已当场改正（立行立改）。"),
        new("finding.deadline-after-today", "A rectification deadline after today.", "整改期限须晚于今天。"),
        new("finding.no-deadline-when-corrected", "Corrected on the spot needs no deadline.", "已当场改正的，无需整改期限。"),

        // Emergencies (紧急检查).
        new("emergency.approved-at", "When it was approved: within the last two days.", "批准时间：须在最近两天内。"),
        new("emergency.unknown-enterprise", "Unknown enterprise.", "未知企业。"),
        new("emergency.enterprise-unlisted", "Not in the park's registry.", "该企业不在园区名录中。"),
        new("emergency.not-found", "No such pre-filing.", "没有这份预备案。"),
        new("emergency.not-found-readable", "No pre-filing {number} that you may see.", "没有您可查看的预备案 {number}。"),
        new("emergency.not-found-own", "No pre-filing {number} of yours.", "没有属于您的预备案 {number}。"),
        new("emergency.already-ended", "Already ended.", "已记录结束。"),
        new("emergency.ended-at", "It ended at {time}.", "已于 {time} 结束。"),
        new("emergency.ended-at-invalid", "When it ended: after the approval, not in the future.", "结束时间：须晚于批准时间，且不能是将来。"),
        new("emergency.not-ended", "Not ended yet.", "尚未结束。"),
        new("emergency.record-end-first", "Record when the inspection ended first.", "请先记录检查结束时间。"),
        new("emergency.already-backfilled", "Already filed in writing.", "已补充书面备案。"),
        new("emergency.backfilled-at", "Filed at {time}.", "已于 {time} 备案。"),
        new("emergency.unknown-matters", "Unknown matters.", "未知检查事项。"),
        new("emergency.matters-of-catalog", "Name matters of the catalog.", "请填写检查事项目录中的事项。"),

        // Refusals and figures.
        new("refusal.occurred-at", "When it happened: within the last 30 days.", "发生时间：须在最近 30 天内。"),
        new("refusal.readers", "Refusals are for the reporting enterprise and the office.", "拒绝检查记录仅供报告企业和营商环境办查看。"),
        new("figures.readers", "Figures are for the office, leaders, the task force and each agency.", "统计数据仅供营商环境办、领导、专班和各执法部门查看。"),
    ];
}
