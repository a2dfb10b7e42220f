using Tolerance.Contracts;
namespace Tolerance.Domain;

/// <summary>One condition of an item, whether it was met, and the fact that decided it.</summary>
public sealed record ConditionCheck(string Condition, bool Met, string Fact);

public sealed record ItemEvaluation(string ItemCode, ToleranceOutcome Outcome, bool Applies, IReadOnlyList<ConditionCheck> Conditions);

/// <summary>The decision on a finding: the outcome, the item applied (with the list version), every
/// condition with the fact that decided it, the legal basis, and the reasoning in Chinese stating
/// the four principles (综合裁量、依法审慎、程序合法、比例适当) as applied.</summary>
public sealed record Decision(
    DecisionKind Kind,
    ToleranceOutcome? Outcome,
    string? ItemCode,
    int ListVersion,
    string? LegalBasis,
    DateOnly? ConditionDeadline,
    IReadOnlyList<ItemEvaluation> Evaluations,
    string Reasoning);

/// <summary>
/// Decides a finding against the tolerance list. Deterministic and independent of the order of the
/// earlier findings. Precedence where several items apply: the outcome most favourable to the
/// enterprise (no penalty, no compulsory measure, mitigated, lighter), then the higher list
/// (provincial, municipal, county), then the item code. "First violation within N months" looks at
/// every agency's earlier findings of the same matter at the same enterprise: one found on or after
/// the day N months before counts; one found exactly N months and a day before does not.
/// A rule that needs rectification within N days, not yet done on the spot, gives a conditional
/// decision with that deadline.
/// </summary>
public static class DecisionEngine
{
    public static Decision Decide(FindingFacts facts, IReadOnlyList<ToleranceItem> list, int listVersion, IEnumerable<EarlierFinding> history)
    {
        var earlier = history.Where(h => h.CreditCode == facts.CreditCode && h.MatterCode == facts.MatterCode && h.FoundOn < facts.FoundOn)
            .OrderByDescending(h => h.FoundOn).ThenBy(h => h.Reference, StringComparer.Ordinal).ThenBy(h => h.AgencyCode, StringComparer.Ordinal).ToList();
        var evaluations = list
            .Where(i => i.MatterCode == facts.MatterCode && i.InEffectOn(facts.FoundOn))
            .OrderBy(i => i.Outcome).ThenBy(i => i.Source).ThenBy(i => i.Code, StringComparer.Ordinal)
            .Select(i => Evaluate(i, facts, earlier))
            .ToList();
        var applied = evaluations.FirstOrDefault(e => e.Applies);
        if (applied is null)
            return new Decision(DecisionKind.NotTolerated, null, null, listVersion, null, null, evaluations, Refusal(facts, evaluations));

        var item = list.Single(i => i.Code == applied.ItemCode);
        var conditional = item.Rectification == RectificationRule.WithinDays && !facts.RectifiedOnTheSpot;
        var deadline = conditional ? facts.RectificationDeadline : null;
        return new Decision(conditional ? DecisionKind.ConditionallyTolerated : DecisionKind.Tolerated, item.Outcome, item.Code, listVersion,
            item.LegalBasis, deadline, evaluations, Grant(facts, item, applied, deadline));
    }

    static ItemEvaluation Evaluate(ToleranceItem item, FindingFacts facts, List<EarlierFinding> earlier)
    {
        var checks = new List<ConditionCheck>();
        if (item.FirstViolationWithinMonths is { } months)
        {
            var since = facts.FoundOn.AddMonths(-months);
            var previous = earlier.FirstOrDefault(e => e.FoundOn >= since);
            checks.Add(new ConditionCheck($"{months}个月内首次违法", previous is null, previous is null
                ? $"{since:yyyy-MM-dd}以来各执法单位均无该企业该事项的违法记录"
                : $"{previous.FoundOn:yyyy-MM-dd}已被{previous.AgencyCode}查出同一事项问题（{previous.Reference}）"));
        }
        if (item.MaxSeverity is { } max)
            checks.Add(new ConditionCheck($"情节轻微（严重程度不超过{max}）", facts.Severity <= max, $"本次严重程度为{facts.Severity}"));
        switch (item.Rectification)
        {
            case RectificationRule.OnTheSpot:
                checks.Add(new ConditionCheck("当场改正（立行立改）", facts.RectifiedOnTheSpot, facts.RectifiedOnTheSpot ? "检查时已当场改正" : "检查时未当场改正"));
                break;
            case RectificationRule.WithinDays:
                var limit = facts.FoundOn.AddDays(item.RectificationDays ?? 0);
                var ok = facts.RectifiedOnTheSpot || (facts.RectificationDeadline is { } due && due <= limit);
                checks.Add(new ConditionCheck($"{item.RectificationDays}日内改正", ok, facts.RectifiedOnTheSpot ? "检查时已当场改正"
                    : facts.RectificationDeadline is { } d ? $"限期{d:yyyy-MM-dd}改正（最迟可至{limit:yyyy-MM-dd}）" : "未确定改正期限"));
                break;
        }
        if (item.RequiresNoHarm)
            checks.Add(new ConditionCheck("未造成危害后果", !facts.HarmCaused, facts.HarmCaused ? "已造成危害后果" : "未发现危害后果"));
        return new ItemEvaluation(item.Code, item.Outcome, checks.All(c => c.Met), checks);
    }

    static string OutcomeText(ToleranceOutcome outcome) => outcome switch
    {
        ToleranceOutcome.NoPenalty => "不予行政处罚",
        ToleranceOutcome.NoCompulsoryMeasure => "不予实施行政强制措施",
        ToleranceOutcome.MitigatedPenalty => "减轻行政处罚",
        _ => "从轻行政处罚",
    };

    /// <summary>What the proposal can truthfully say of the procedure: what it still requires, never that it happened.</summary>
    const string Procedure = "程序合法：本意见为拟作出的决定，须告知当事人事实、理由和依据，听取其陈述申辩，经法制审核后方可作出决定。";

    static string Grant(FindingFacts facts, ToleranceItem item, ItemEvaluation applied, DateOnly? deadline)
    {
        var met = string.Join("；", applied.Conditions.Select(c => $"{c.Condition}：{c.Fact}"));
        var conditional = deadline is { } d ? $"本决定以企业于{d:yyyy-MM-dd}前完成改正为条件，逾期未改正的，本决定撤销，依法处理。" : "";
        // Said as it stands when the finding is recorded: corrected on the spot, or still to be corrected by its deadline.
        var proportion = facts.RectifiedOnTheSpot ? "违法行为轻微且已当场改正"
            : facts.RectificationDeadline is { } due ? $"违法行为轻微，改正尚未完成，限于{due:yyyy-MM-dd}前改正" : "违法行为轻微";
        return $"综合裁量：经查，当事人{facts.MatterCode}事项存在问题，符合容错清单第{item.Code}项（{item.Title}）的全部条件：{met}。" +
               $"依法审慎：依据{item.LegalBasis}，拟{OutcomeText(item.Outcome)}。" + Procedure +
               $"比例适当：{proportion}，处理方式与违法情节相当。{conditional}";
    }

    public static string Describe(DecisionKind kind, ToleranceOutcome? outcome) => kind switch
    {
        DecisionKind.NotTolerated => "不适用容错，依照一般程序依法处理",
        DecisionKind.ConditionallyTolerated => $"附条件{OutcomeText(outcome ?? ToleranceOutcome.LighterPenalty)}",
        _ => OutcomeText(outcome ?? ToleranceOutcome.LighterPenalty),
    };

    static string Refusal(FindingFacts facts, IReadOnlyList<ItemEvaluation> evaluations)
    {
        if (evaluations.Count == 0)
            return $"综合裁量：{facts.MatterCode}事项不在现行容错清单范围内。依法审慎：拟依照一般程序依法处理。{Procedure}比例适当：依违法情节依法裁量。";
        var failed = string.Join("；", evaluations.Select(e => $"第{e.ItemCode}项未满足：{string.Join("、", e.Conditions.Where(c => !c.Met).Select(c => $"{c.Condition}（{c.Fact}）"))}"));
        return $"综合裁量：经逐项比对容错清单，{failed}。依法审慎：拟不适用容错，依照一般程序依法处理。{Procedure}比例适当：依违法情节依法裁量。";
    }
}
