using Tolerance.Contracts;
using Tolerance.Domain;
using Xunit;

namespace Tolerance.Tests;

/// <summary>Every step of the tolerance procedure from every state by every actor: exactly the lawful
/// steps succeed; a wrong state is told apart from a wrong actor.</summary>
public sealed class Decision_procedure_table
{
    static readonly (DecisionStatus From, DecisionAction Action, DecisionActor By, DecisionStatus To)[] Legal =
    [
        (DecisionStatus.Proposed, DecisionAction.StateCase, DecisionActor.Enterprise, DecisionStatus.Stated),
        (DecisionStatus.Stated, DecisionAction.Answer, DecisionActor.Agency, DecisionStatus.Answered),
        (DecisionStatus.Proposed, DecisionAction.Confirm, DecisionActor.Agency, DecisionStatus.Active),
        (DecisionStatus.Proposed, DecisionAction.Depart, DecisionActor.Agency, DecisionStatus.Active),
        (DecisionStatus.Answered, DecisionAction.Confirm, DecisionActor.Agency, DecisionStatus.Active),
        (DecisionStatus.Answered, DecisionAction.Depart, DecisionActor.Agency, DecisionStatus.Active),
        (DecisionStatus.Proposed, DecisionAction.Supersede, DecisionActor.Agency, DecisionStatus.Superseded),
        (DecisionStatus.Stated, DecisionAction.Supersede, DecisionActor.Agency, DecisionStatus.Superseded),
        (DecisionStatus.Answered, DecisionAction.Supersede, DecisionActor.Agency, DecisionStatus.Superseded),
        (DecisionStatus.Active, DecisionAction.Supersede, DecisionActor.Agency, DecisionStatus.Superseded),
    ];

    [Fact]
    public void Exactly_the_lawful_steps_succeed_and_every_other_is_refused_with_its_reason()
    {
        var checkedCount = 0;
        foreach (var state in Enum.GetValues<DecisionStatus>())
        foreach (var action in Enum.GetValues<DecisionAction>())
        foreach (var actor in Enum.GetValues<DecisionActor>())
        {
            var (to, refusal, why) = DecisionWorkflow.Apply(state, action, actor, "书面说明");
            var legal = Legal.Where(l => l.From == state && l.Action == action && l.By == actor).ToList();
            if (legal.Count == 1)
            {
                Assert.Equal(DecisionWorkflow.Refusal.None, refusal);
                Assert.Equal(legal[0].To, to);
            }
            else
            {
                // A step that exists from this state for someone else is the wrong actor (403); one that does not is the wrong state (409).
                var someone = Legal.Any(l => l.From == state && l.Action == action);
                Assert.Equal(someone ? DecisionWorkflow.Refusal.WrongActor : DecisionWorkflow.Refusal.WrongState, refusal);
                Assert.Equal(state, to);
                Assert.False(string.IsNullOrEmpty(why));
            }
            checkedCount++;
        }
        Assert.Equal(6 * 5 * 3, checkedCount);
    }

    [Theory]
    [InlineData(DecisionStatus.Proposed, DecisionAction.StateCase, DecisionActor.Enterprise)]
    [InlineData(DecisionStatus.Stated, DecisionAction.Answer, DecisionActor.Agency)]
    [InlineData(DecisionStatus.Answered, DecisionAction.Confirm, DecisionActor.Agency)]
    [InlineData(DecisionStatus.Proposed, DecisionAction.Depart, DecisionActor.Agency)]
    [InlineData(DecisionStatus.Active, DecisionAction.Supersede, DecisionActor.Agency)]
    public void Every_step_is_stated_in_writing(DecisionStatus state, DecisionAction action, DecisionActor actor)
    {
        Assert.Equal(DecisionWorkflow.Refusal.TextRequired, DecisionWorkflow.Apply(state, action, actor, "  ").Refusal);
        Assert.Equal(DecisionWorkflow.Refusal.None, DecisionWorkflow.Apply(state, action, actor, "事实清楚").Refusal);
    }

    [Fact]
    public void The_enterprise_speaks_until_the_end_of_its_last_day_and_the_review_waits_for_that_day_to_pass()
    {
        var due = new DateOnly(2026, 12, 14);
        Assert.Null(DecisionWorkflow.OutsideThePeriod(DecisionStatus.Proposed, DecisionAction.StateCase, due, due));
        Assert.NotNull(DecisionWorkflow.OutsideThePeriod(DecisionStatus.Proposed, DecisionAction.StateCase, due.AddDays(1), due));
        Assert.NotNull(DecisionWorkflow.OutsideThePeriod(DecisionStatus.Proposed, DecisionAction.Confirm, due, due));
        Assert.Null(DecisionWorkflow.OutsideThePeriod(DecisionStatus.Proposed, DecisionAction.Depart, due.AddDays(1), due));
        // Once the enterprise has spoken and been answered, the review need not wait.
        Assert.Null(DecisionWorkflow.OutsideThePeriod(DecisionStatus.Answered, DecisionAction.Confirm, due.AddDays(-3), due));
        // A period not yet counted is still open: the enterprise may speak, the review may not conclude.
        Assert.Null(DecisionWorkflow.OutsideThePeriod(DecisionStatus.Proposed, DecisionAction.StateCase, due, null));
        Assert.NotNull(DecisionWorkflow.OutsideThePeriod(DecisionStatus.Proposed, DecisionAction.Confirm, due.AddDays(30), null));
    }

    [Fact]
    public void An_issued_reasoning_states_what_happened_and_a_conditional_one_says_rectification_is_pending()
    {
        var reasoning = IssuedReasoning.Write("综合裁量：……", new ProcedureFacts("XF", new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 14),
            new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 11), "企业意见已采纳", new DateOnly(2026, 12, 11), "同意",
            DecisionKind.ConditionallyTolerated, ToleranceOutcome.LighterPenalty, DecisionKind.ConditionallyTolerated, ToleranceOutcome.LighterPenalty, new DateOnly(2026, 12, 14)));
        Assert.Contains("2026-12-09已告知当事人", reasoning);
        Assert.Contains("当事人于2026-12-10陈述申辩，XF于2026-12-11答复：企业意见已采纳", reasoning);
        Assert.Contains("同意拟定意见", reasoning);
        Assert.Contains("改正尚待完成，须于2026-12-14前完成", reasoning);
        Assert.DoesNotContain("已依要求改正", reasoning);

        var silent = IssuedReasoning.Write("综合裁量：……", new ProcedureFacts("XF", new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 14), null, null, null,
            new DateOnly(2026, 12, 15), "系重复违法", DecisionKind.Tolerated, ToleranceOutcome.NoPenalty, DecisionKind.NotTolerated, null, null));
        Assert.Contains("当事人在期限内未陈述申辩", silent);
        Assert.Contains("改变拟定意见（拟不予行政处罚，改为不适用容错，依照一般程序依法处理），理由：系重复违法", silent);
        Assert.DoesNotContain("改正尚待完成", silent);
    }

    [Fact]
    public void A_proposal_says_nothing_of_a_procedure_that_has_not_happened_nor_of_a_correction_not_made()
    {
        var item = new ToleranceItem("XF-BQ-01", "消防器材轻微缺陷限期改正", "XF-01", ToleranceOutcome.LighterPenalty, ListSource.Municipal, "《消防安全违法行为从轻处罚清单》",
            12, 3, RectificationRule.WithinDays, 7, true, new DateOnly(2026, 1, 1), null);
        var pending = DecisionEngine.Decide(new FindingFacts("91330100716105852F", "XF-01", "XF", new DateOnly(2026, 12, 9), 2, false, new DateOnly(2026, 12, 14), false), [item], 1, []);
        Assert.Equal(DecisionKind.ConditionallyTolerated, pending.Kind);
        Assert.DoesNotContain("已告知", pending.Reasoning);
        Assert.DoesNotContain("已依要求改正", pending.Reasoning);
        Assert.Contains("改正尚未完成，限于2026-12-14前改正", pending.Reasoning);
        var refused = DecisionEngine.Decide(new FindingFacts("91330100716105852F", "XF-01", "XF", new DateOnly(2026, 12, 9), 2, false, new DateOnly(2026, 12, 14), true), [item], 1, []);
        Assert.DoesNotContain("已告知", refused.Reasoning);
    }
}
