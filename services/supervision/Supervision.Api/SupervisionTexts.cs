using ServiceDefaults;

namespace Supervision.Api;

/// <summary>Supervision's rules as its answers word them, with their codes and Chinese.</summary>
public static class SupervisionTexts
{
    public static readonly IReadOnlyList<ProblemText> All =
    [
        // Supervision cards (监督卡).
        new("card.type", "Misconduct (吃拿卡要), RudeConduct, UnfiledInspection or ReasonableDemand.", "须为吃拿卡要（Misconduct）、态度粗暴（RudeConduct）、未备案检查（UnfiledInspection）或合理诉求（ReasonableDemand）。"),
        new("card.filing-number", "A filing number, e.g. BA2026-YJ-00001.", "备案编号，如 BA2026-YJ-00001。"),
        new("card.agency-or-filing", "Name the agency (or the filing) the conduct concerns.", "请填写所涉执法部门（或备案编号）。"),
        new("card.occurred-on", "The day it happened: within the last year, not in the future.", "发生日期：须在最近一年内，且不能是将来。"),
        new("card.unknown-filing", "Unknown filing.", "未知备案。"),
        new("card.filing-not-at-enterprise", "No filing of an inspection at your enterprise has this number.", "贵企业没有这一编号的检查备案。"),
        new("card.agency-not-in-filing", "The agency did not take part.", "该部门未参加这次检查。"),
        new("card.agency-not-among", "{agency} is not among the agencies of {filing}.", "{agency} 不在 {filing} 的参检部门中。"),
        new("agency.unknown", "Unknown agency.", "未知执法部门。"),
        new("agency.not-in-catalog", "No agency {agency} in the county's catalog.", "本县执法部门目录中没有 {agency}。"),

        // Cases (一事一账).
        new("case.readers", "Cases are for the office, the task force, leaders, the agencies concerned and the submitting enterprise.", "案件仅供营商环境办、专班、领导、相关执法部门和提交企业查看。"),
        new("case.not-found", "No such case.", "没有这个案件。"),
        new("case.not-found-detail", "No case {case} you may see.", "没有您可查看的案件 {case}。"),
        new("case.stale-revision", "The case changed since you read it.", "您读取后案件已有变动。"),
        new("case.stale-revision-detail", "You read revision {read}; it is at {current}. Read it again.", "您读取的是第 {read} 版，现为第 {current} 版，请重新读取。"),
        new("case.changed-concurrently", "The case changed at the same moment.", "案件同时发生了变动。"),
        new("case.changed-concurrently-detail", "Another step was taken just now. Read the case again.", "刚有其他办理步骤，请重新读取案件。"),
        new("case.not-possible-now", "Not possible now.", "当前不能进行此操作。"),
        new("case.wrong-state", "{action} is not possible while the case is {state} (possible from {states}).", "案件处于 {state} 时不能进行 {action}（可在 {states} 时进行）。"),
        new("case.wrong-actor", "{action} is done by {roles}, not {actor}.", "{action} 应由 {roles} 进行，而非 {actor}。"),
        new("case.not-assigned", "{action} is not yours to take on this case: it is not assigned to you.", "该案件未分配给您，您不能进行 {action}。"),
        new("case.note-required", "{action} needs its text (the reason, the instruction or the update).", "{action} 须填写内容（理由、批示或进展）。"),
        new("case.unknown-unit", "Unknown unit.", "未知承办单位。"),
        new("case.deadline", "The deadline (限期): from today to a year ahead.", "办理期限（限期）：从今天起至一年内。"),
        new("case.unit-only-on-assignment", "Only an assignment names a responsible unit.", "只有交办时才指定承办单位。"),
        new("case.deadline-only-on-assignment", "Only an assignment sets a deadline.", "只有交办时才设定期限。"),
        new("case.revision", "The revision you read.", "您读取的版本号。"),

        // Evaluations and rankings (评价与排名).
        new("evaluation.score", "A score from 1 to 5.", "评分为 1 至 5 分。"),
        new("evaluation.filing-number", "The filing number of the inspection, e.g. BA2026-YJ-00001.", "检查的备案编号，如 BA2026-YJ-00001。"),
        new("evaluation.inspection-not-found", "No such inspection.", "没有这次检查。"),
        new("evaluation.inspection-not-found-detail", "No completed inspection {filing} at your enterprise.", "贵企业没有已完成的检查 {filing}。"),
        new("evaluation.already-rated", "Already rated.", "已评价。"),
        new("evaluation.rated-once", "Each inspection is rated once.", "每次检查只能评价一次。"),
        new("evaluation.readers", "Evaluations are for the rating enterprise, the agencies rated (anonymously) and the office.", "评价仅供评价企业、被评价部门（匿名）和营商环境办查看。"),
        new("evaluation.withheld", "Fewer than {threshold} ratings in {period}: only their count is shown, so none points at its enterprise.", "{period} 的评价少于 {threshold} 条：只显示数量，以免从评价推知企业。"),
        new("ranking.not-published", "Not published.", "尚未发布。"),
        new("ranking.not-published-detail", "No ranking of {period} has been published.", "{period} 的排名尚未发布。"),
        new("ranking.period-not-ended", "The period has not ended.", "该期间尚未结束。"),
        new("ranking.period-not-ended-detail", "{period} ends on {day}; its ranking can be published from the next day.", "{period} 于 {day} 结束，次日起可发布排名。"),
        new("ranking.already-published", "Already published.", "已发布。"),
        new("ranking.fixed", "The ranking of {period} is published and fixed.", "{period} 的排名已发布，不再改动。"),
        new("ranking.published-concurrently", "The ranking of {period} was published at the same moment.", "{period} 的排名同时已被发布。"),
    ];
}
