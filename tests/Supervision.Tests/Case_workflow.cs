using Supervision.Domain;
using Xunit;

namespace Supervision.Tests;

/// <summary>Every action from every state by every actor: exactly the legal transitions succeed.</summary>
public sealed class Case_workflow
{
    static readonly CaseState[] Working = [CaseState.Assigned, CaseState.InProgress];

    static readonly (CaseState From, CaseAction Action, CaseActor By, CaseState To)[] Legal =
    [
        (CaseState.Registered, CaseAction.SendForSignOff, CaseActor.Office, CaseState.SentForSignOff),
        (CaseState.SentForSignOff, CaseAction.Instruct, CaseActor.Leader, CaseState.Instructed),
        (CaseState.Instructed, CaseAction.Assign, CaseActor.Office, CaseState.Assigned),
        (CaseState.Assigned, CaseAction.UpdateProgress, CaseActor.ResponsibleUnit, CaseState.InProgress),
        (CaseState.Assigned, CaseAction.UpdateProgress, CaseActor.Office, CaseState.InProgress),
        (CaseState.InProgress, CaseAction.UpdateProgress, CaseActor.ResponsibleUnit, CaseState.InProgress),
        (CaseState.InProgress, CaseAction.UpdateProgress, CaseActor.Office, CaseState.InProgress),
        (CaseState.Assigned, CaseAction.UpdateProgress, CaseActor.JointUnit, CaseState.InProgress),
        (CaseState.InProgress, CaseAction.UpdateProgress, CaseActor.JointUnit, CaseState.InProgress),
        (CaseState.Assigned, CaseAction.Resolve, CaseActor.ResponsibleUnit, CaseState.Resolved),
        (CaseState.Assigned, CaseAction.Resolve, CaseActor.Office, CaseState.Resolved),
        (CaseState.InProgress, CaseAction.Resolve, CaseActor.ResponsibleUnit, CaseState.Resolved),
        (CaseState.InProgress, CaseAction.Resolve, CaseActor.Office, CaseState.Resolved),
        (CaseState.Resolved, CaseAction.Verify, CaseActor.Discipline, CaseState.Verified),
        // 回访 gates closing: satisfied, the office or the task force closes; not satisfied, only the task force.
        (CaseState.Verified, CaseAction.CallBackSatisfied, CaseActor.Office, CaseState.CalledBack),
        (CaseState.Verified, CaseAction.CallBackNotSatisfied, CaseActor.Office, CaseState.Disputed),
        (CaseState.CalledBack, CaseAction.Close, CaseActor.Discipline, CaseState.Closed),
        (CaseState.CalledBack, CaseAction.Close, CaseActor.Office, CaseState.Closed),
        (CaseState.Disputed, CaseAction.Close, CaseActor.Discipline, CaseState.Closed),
        (CaseState.Registered, CaseAction.Reject, CaseActor.Office, CaseState.Rejected),
        (CaseState.SentForSignOff, CaseAction.Reject, CaseActor.Office, CaseState.Rejected),
        (CaseState.Resolved, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Resolved, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        (CaseState.Verified, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Verified, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        (CaseState.CalledBack, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.CalledBack, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        (CaseState.Disputed, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Disputed, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        (CaseState.Closed, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Closed, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        (CaseState.Rejected, CaseAction.Reopen, CaseActor.Submitter, CaseState.Registered),
        (CaseState.Rejected, CaseAction.Reopen, CaseActor.Discipline, CaseState.Registered),
        // Extensions and reassignment while the case is with a unit: the unit asks, the office answers or reassigns.
        .. Working.Select(s => (s, CaseAction.RequestExtension, CaseActor.ResponsibleUnit, s)),
        .. Working.Select(s => (s, CaseAction.GrantExtension, CaseActor.Office, s)),
        .. Working.Select(s => (s, CaseAction.RefuseExtension, CaseActor.Office, s)),
        .. Working.Select(s => (s, CaseAction.Reassign, CaseActor.Office, CaseState.Assigned)),
        .. Working.Select(s => (s, CaseAction.AddJointUnit, CaseActor.Office, s)),
        // A duplicate merges into another case any time before it is answered.
        .. new[] { CaseState.Registered, CaseState.SentForSignOff, CaseState.Instructed, CaseState.Assigned, CaseState.InProgress }
            .Select(s => (s, CaseAction.Merge, CaseActor.Office, CaseState.Merged)),
        // The task force annotates and directs at any stage, the case staying where it is.
        .. Enum.GetValues<CaseState>().Select(s => (s, CaseAction.Annotate, CaseActor.Discipline, s)),
        .. Enum.GetValues<CaseState>().Select(s => (s, CaseAction.Direct, CaseActor.Discipline, s)),
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
        Assert.Equal(12 * 19 * 6, checkedCount);
        Assert.Equal(Legal.Length, Legal.Distinct().Count());
    }

    [Theory]
    [InlineData(CaseState.Verified, CaseAction.Close, CaseActor.Office)]
    [InlineData(CaseState.Verified, CaseAction.Close, CaseActor.Discipline)]
    [InlineData(CaseState.Resolved, CaseAction.CallBackSatisfied, CaseActor.Office)]
    [InlineData(CaseState.Instructed, CaseAction.AddJointUnit, CaseActor.Office)]
    [InlineData(CaseState.Resolved, CaseAction.Merge, CaseActor.Office)]
    [InlineData(CaseState.Merged, CaseAction.Reopen, CaseActor.Submitter)]
    public void A_step_before_its_turn_is_refused_as_the_wrong_state(CaseState state, CaseAction action, CaseActor actor) =>
        Assert.Equal(CaseWorkflow.Refusal.WrongState, CaseWorkflow.Apply(state, action, actor, "说明").Refusal);

    [Fact]
    public void Over_the_submitters_dissatisfaction_only_the_task_force_closes()
    {
        var (state, refusal, why) = CaseWorkflow.Apply(CaseState.Disputed, CaseAction.Close, CaseActor.Office, "办结归档");
        Assert.Equal((CaseState.Disputed, CaseWorkflow.Refusal.WrongActor), (state, refusal));
        Assert.Contains("Discipline", why);
        Assert.Equal(CaseWorkflow.Refusal.None, CaseWorkflow.Apply(CaseState.CalledBack, CaseAction.Close, CaseActor.Office, null).Refusal);
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
    [InlineData(CaseState.InProgress, CaseAction.Resolve, CaseActor.ResponsibleUnit)]
    [InlineData(CaseState.Verified, CaseAction.CallBackNotSatisfied, CaseActor.Office)]
    [InlineData(CaseState.Disputed, CaseAction.Close, CaseActor.Discipline)]
    [InlineData(CaseState.Assigned, CaseAction.RequestExtension, CaseActor.ResponsibleUnit)]
    [InlineData(CaseState.InProgress, CaseAction.RefuseExtension, CaseActor.Office)]
    [InlineData(CaseState.InProgress, CaseAction.Reassign, CaseActor.Office)]
    [InlineData(CaseState.Assigned, CaseAction.AddJointUnit, CaseActor.Office)]
    [InlineData(CaseState.InProgress, CaseAction.UpdateProgress, CaseActor.JointUnit)]
    [InlineData(CaseState.Closed, CaseAction.Annotate, CaseActor.Discipline)]
    [InlineData(CaseState.Registered, CaseAction.Direct, CaseActor.Discipline)]
    [InlineData(CaseState.Assigned, CaseAction.Merge, CaseActor.Office)]
    public void Steps_that_are_their_text_need_it(CaseState state, CaseAction action, CaseActor actor)
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

    [Fact]
    public void A_case_waiting_for_sign_off_or_instruction_beyond_its_limit_in_days_is_late_and_no_other_is()
    {
        var today = new DateOnly(2026, 12, 15);
        var limits = new WaitingLimits(SignOffDays: 3, InstructionDays: 5);
        Assert.False(CaseWorkflow.IsWaitingTooLong(CaseState.Registered, today.AddDays(-3), today, limits));
        Assert.True(CaseWorkflow.IsWaitingTooLong(CaseState.Registered, today.AddDays(-4), today, limits));
        Assert.False(CaseWorkflow.IsWaitingTooLong(CaseState.SentForSignOff, today.AddDays(-5), today, limits));
        Assert.True(CaseWorkflow.IsWaitingTooLong(CaseState.SentForSignOff, today.AddDays(-6), today, limits));
        Assert.False(CaseWorkflow.IsWaitingTooLong(CaseState.Instructed, today.AddDays(-30), today, limits));
        Assert.False(CaseWorkflow.IsWaitingTooLong(CaseState.Rejected, today.AddDays(-30), today, limits));
    }
}
