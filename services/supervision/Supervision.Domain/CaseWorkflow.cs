namespace Supervision.Domain;

/// <summary>Where a case stands (一事一账).</summary>
public enum CaseState { Registered, SentForSignOff, Instructed, Assigned, InProgress, Resolved, Verified, Closed, Rejected }

/// <summary>What can be done to a case: 送签 → 县委领导批示 → 转办 → 每周更新 → 办结 → 跟踪问效 → 关闭; or
/// rejected as not the office's responsibility; or reopened.</summary>
public enum CaseAction { SendForSignOff, Instruct, Assign, UpdateProgress, Resolve, Verify, Close, Reject, Reopen }

/// <summary>Who acts on a case. The responsible unit is the agency the case was assigned to; the
/// submitter is the enterprise that sent the card.</summary>
public enum CaseActor { Office, Leader, ResponsibleUnit, Discipline, Submitter }

/// <summary>One step of a case's history, never edited once written.</summary>
public sealed record CaseStep(CaseAction Action, CaseState From, CaseState To, CaseActor Actor, string ActorId, DateTimeOffset At, string Note);

/// <summary>The legal transitions of a case and who may make them. Everything else is refused with
/// the reason; the API answers 409 for a wrong state and 403 for a wrong actor.</summary>
public static class CaseWorkflow
{
    static readonly Dictionary<CaseAction, (CaseState[] From, CaseState To, CaseActor[] By)> Rules = new()
    {
        [CaseAction.SendForSignOff] = ([CaseState.Registered], CaseState.SentForSignOff, [CaseActor.Office]),
        [CaseAction.Instruct] = ([CaseState.SentForSignOff], CaseState.Instructed, [CaseActor.Leader]),
        [CaseAction.Assign] = ([CaseState.Instructed], CaseState.Assigned, [CaseActor.Office]),
        [CaseAction.UpdateProgress] = ([CaseState.Assigned, CaseState.InProgress], CaseState.InProgress, [CaseActor.ResponsibleUnit, CaseActor.Office]),
        [CaseAction.Resolve] = ([CaseState.Assigned, CaseState.InProgress], CaseState.Resolved, [CaseActor.ResponsibleUnit, CaseActor.Office]),
        [CaseAction.Verify] = ([CaseState.Resolved], CaseState.Verified, [CaseActor.Discipline]),
        [CaseAction.Close] = ([CaseState.Verified], CaseState.Closed, [CaseActor.Discipline, CaseActor.Office]),
        [CaseAction.Reject] = ([CaseState.Registered, CaseState.SentForSignOff], CaseState.Rejected, [CaseActor.Office]),
        [CaseAction.Reopen] = ([CaseState.Resolved, CaseState.Verified, CaseState.Closed, CaseState.Rejected], CaseState.Registered, [CaseActor.Submitter, CaseActor.Discipline]),
    };

    public enum Refusal { None, WrongState, WrongActor, NoteRequired }

    /// <summary>The state after <paramref name="action"/>, or why it is refused. Rejecting and
    /// reopening need a reason (shown to the submitter), instructing needs the instruction,
    /// updating progress needs the update.</summary>
    public static (CaseState State, Refusal Refusal, string Why) Apply(CaseState state, CaseAction action, CaseActor actor, string? note)
    {
        var rule = Rules[action];
        if (!rule.From.Contains(state))
            return (state, Refusal.WrongState, $"{action} is not possible while the case is {state} (possible from {string.Join(", ", rule.From)}).");
        if (!rule.By.Contains(actor))
            return (state, Refusal.WrongActor, $"{action} is done by {string.Join(" or ", rule.By)}, not {actor}.");
        if (action is CaseAction.Reject or CaseAction.Reopen or CaseAction.Instruct or CaseAction.UpdateProgress && string.IsNullOrWhiteSpace(note))
            return (state, Refusal.NoteRequired, $"{action} needs its text (the reason, the instruction or the update).");
        return (rule.To, Refusal.None, "");
    }

    /// <summary>A case assigned or in progress is updated at least this often.</summary>
    public static readonly TimeSpan UpdateEvery = TimeSpan.FromDays(7);

    /// <summary>Cases are followed up weekly (每周更新): an assigned case whose last update is older
    /// than a week, or whose deadline has passed unresolved, is overdue.</summary>
    public static bool IsOverdue(CaseState state, DateTimeOffset lastUpdate, DateOnly? deadline, DateTimeOffset now, DateOnly today) =>
        state is CaseState.Assigned or CaseState.InProgress && (now - lastUpdate > UpdateEvery || (deadline is { } d && today > d));
}
