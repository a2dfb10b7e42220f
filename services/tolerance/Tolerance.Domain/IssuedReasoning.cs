using Tolerance.Contracts;

namespace Tolerance.Domain;

/// <summary>What happened between the proposal and the decision, each fact with its day.</summary>
public sealed record ProcedureFacts(
    string AgencyCode,
    DateOnly NotifiedOn,
    DateOnly? StatementDueOn,
    DateOnly? StatedOn,
    DateOnly? AnsweredOn,
    string? Answer,
    DateOnly ReviewedOn,
    string Opinion,
    DecisionKind ProposedKind,
    ToleranceOutcome? ProposedOutcome,
    DecisionKind Kind,
    ToleranceOutcome? Outcome,
    DateOnly? ConditionDeadline);

/// <summary>The reasoning of an issued decision: the proposal as it was made (its own words, which speak
/// of what was proposed), then the procedure as it actually went — when the enterprise was told, whether
/// it stated its case and how it was answered, what the legal review concluded — and the decision. It
/// states only what holds when the decision issues: a conditional decision says the rectification is
/// still to be done and by when.</summary>
public static class IssuedReasoning
{
    public static string Write(string proposal, ProcedureFacts p)
    {
        var period = p.StatementDueOn is { } due ? $"在{due:yyyy-MM-dd}前" : "";
        var told = $"{p.NotifiedOn:yyyy-MM-dd}已告知当事人拟作出的决定及其事实、理由、依据，以及{period}陈述申辩的权利";
        var heard = p.StatedOn is { } stated
            ? $"当事人于{stated:yyyy-MM-dd}陈述申辩，{p.AgencyCode}于{p.AnsweredOn:yyyy-MM-dd}答复：{p.Answer}"
            : "当事人在期限内未陈述申辩";
        var review = p.Kind == p.ProposedKind && p.Outcome == p.ProposedOutcome
            ? $"{p.ReviewedOn:yyyy-MM-dd}经法制审核，同意拟定意见：{p.Opinion}"
            : $"{p.ReviewedOn:yyyy-MM-dd}经法制审核，改变拟定意见（拟{DecisionEngine.Describe(p.ProposedKind, p.ProposedOutcome)}，改为{DecisionEngine.Describe(p.Kind, p.Outcome)}），理由：{p.Opinion}";
        var condition = p.Kind == DecisionKind.ConditionallyTolerated && p.ConditionDeadline is { } until
            ? $"改正尚待完成，须于{until:yyyy-MM-dd}前完成；逾期未改正的，本决定撤销，依法处理。" : "";
        return $"拟定意见：{proposal}\n决定：程序合法：{told}；{heard}；{review}。决定{DecisionEngine.Describe(p.Kind, p.Outcome)}。{condition}";
    }
}
