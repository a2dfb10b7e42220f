using Supervision.Domain;
using Xunit;

namespace Supervision.Tests;

/// <summary>Every action from every state by every actor: exactly the legal transitions succeed.</summary>
public sealed class Case_workflow
{
    static readonly (CaseState From, CaseAction Action, CaseActor By, CaseState To)[] Legal =
    [
        (CaseState.Registered, CaseAction.SendForSignOff, CaseActor.Office, CaseState.SentForSignOff),
        (CaseState.SentForSignOff, CaseAction.Instruct, CaseActor.Leader, CaseState.Instructed),
        (CaseState.Instructed, CaseAction.Assign, CaseActor.Office, CaseState.Assigned),
        (CaseState.Assigned, CaseAction.UpdateProgress, CaseActor.ResponsibleUnit, CaseState.InProgress),
        (CaseState.Assigned, CaseAction.UpdateProgress, CaseActor.Office, CaseState.InProgress),
        (CaseState.InProgress, CaseAction.UpdateProgress, CaseActor.ResponsibleUnit, CaseState.InProgress),
        (CaseState.InProgress, CaseAction.UpdateProgress, CaseActor.Office, CaseState.InProgress),
        (CaseState.Assigned, CaseAction.Resolve, CaseActor.ResponsibleUnit, CaseState.Resolved),
        (CaseState.Assigned, CaseAction.Resolve, CaseActor.Office, CaseState.Resolved),
        (CaseState.InProgress, CaseAction.Resolve, CaseActor.ResponsibleUnit, CaseState.Resolved),
        (CaseState.InProgress, CaseAction.Resolve, CaseActor.Office, CaseState.Resolved),
        (CaseState.Resolved, CaseAction.Verify, CaseActor.Discipline, CaseState.Verified),
        (CaseState.Verified, CaseAction.Close, CaseActor.Discipline, CaseState.Closed),
        (CaseState.Verified, CaseAction.Close, CaseActor.Office, CaseState.Closed),
        (CaseState.Registered, CaseAction.Reject, CaseActor.Office, CaseState.Rejected),
        (CaseState.SentForSignOff, CaseAction.Reject, CaseActor.Office, CaseState.Rejected),
        (CaseState.Resolved, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Resolved, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        (CaseState.Verified, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Verified, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        (CaseState.Closed, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Closed, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        (CaseState.Rejected, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Rejected, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
    ];

    [Fact]
    public void Exactly_the_legal_transitions_succeed_and_every_other_is_refused_with_its_reason()
    {
        var checkedCount = 0;
        foreach (var state in Enum.GetValues<CaseState>())
        foreach (var action in Enum.GetValues<CaseAction>())
        foreach (var actor in Enum.GetValues<CaseActor>())
        {
            var (to, refusal, why) = CaseWorkflow.Apply(state, action, actor, "说明");
            var legal = Legal.Where(l => l.From == state && l.Action == action && l.By == actor).ToList();
            if (legal.Count == 1)
            {
                Assert.Equal(CaseWorkflow.Refusal.None, refusal);
                Assert.Equal(legal[0].To, to);
            }
            else
            {
                Assert.NotEqual(CaseWorkflow.Refusal.None, refusal);
                Assert.Equal(state, to);
                Assert.False(string.IsNullOrEmpty(why));
            }
            checkedCount++;
        }
        Assert.Equal(9 * 9 * 5, checkedCount);
    }

    [Fact]
    public void A_wrong_state_is_told_apart_from_a_wrong_actor()
    {
        Assert.Equal(CaseWorkflow.Refusal.WrongState, CaseWorkflow.Apply(CaseState.Closed, CaseAction.Assign, CaseActor.Office, null).Refusal);
        Assert.Equal(CaseWorkflow.Refusal.WrongActor, CaseWorkflow.Apply(CaseState.SentForSignOff, CaseAction.Instruct, CaseActor.Office, "批示").Refusal);
    }

    [Theory]
    [InlineData(CaseState.Registered, CaseAction.Reject, CaseActor.Office)]
    [InlineData(CaseState.Closed, CaseAction.Reopen, CaseActor.Submitter)]
    [InlineData(CaseState.SentForSignOff, CaseAction.Instruct, CaseActor.Leader)]
    [InlineData(CaseState.Assigned, CaseAction.UpdateProgress, CaseActor.ResponsibleUnit)]
    public void Rejecting_reopening_instructing_and_updating_need_their_text(CaseState state, CaseAction action, CaseActor actor)
    {
        Assert.Equal(CaseWorkflow.Refusal.NoteRequired, CaseWorkflow.Apply(state, action, actor, "  ").Refusal);
        Assert.Equal(CaseWorkflow.Refusal.None, CaseWorkflow.Apply(state, action, actor, "不属于本单位职责范围").Refusal);
    }

    [Fact]
    public void A_case_is_overdue_without_a_weekly_update_or_past_its_deadline_and_only_while_assigned()
    {
        var now = DateTimeOffset.Parse("2026-12-15T02:00:00Z");
        var today = new DateOnly(2026, 12, 15);
        Assert.False(CaseWorkflow.IsOverdue(CaseState.InProgress, now.AddDays(-7), new DateOnly(2026, 12, 31), now, today));
        Assert.True(CaseWorkflow.IsOverdue(CaseState.InProgress, now.AddDays(-7).AddMinutes(-1), new DateOnly(2026, 12, 31), now, today));
        Assert.False(CaseWorkflow.IsOverdue(CaseState.Assigned, now, today, now, today));
        Assert.True(CaseWorkflow.IsOverdue(CaseState.Assigned, now, today.AddDays(-1), now, today));
        Assert.False(CaseWorkflow.IsOverdue(CaseState.Resolved, now.AddDays(-30), today.AddDays(-10), now, today));
    }
}
