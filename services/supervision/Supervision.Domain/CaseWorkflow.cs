namespace Supervision.Domain;

/// <summary>Where a case stands (一事一账). <see cref="CalledBack"/>: the submitter said it is satisfied
/// (回访满意), the case may close; <see cref="Disputed"/>: it is not, the task force decides; <see cref="Merged"/>:
/// its card duplicates another case's and is handled there.</summary>
public enum CaseState { Registered, SentForSignOff, Instructed, Assigned, InProgress, Resolved, Verified, Closed, Rejected, CalledBack, Disputed, Merged }

/// <summary>What can be done to a case: 送签 → 县委领导批示 → 转办 → 每周更新 → 办结 → 跟踪问效 → 回访 → 关闭; or
/// rejected as not the office's responsibility; or reopened. Along the way: deadline extensions (延期)
/// asked by the responsible unit and granted or refused by the office, reassignment (改派), and the
/// task force's annotations (批注) and directions (督办指示) at any stage.</summary>
public enum CaseAction
{
    SendForSignOff, Instruct, Assign, UpdateProgress, Resolve, Verify, Close, Reject, Reopen,
    CallBackSatisfied, CallBackNotSatisfied, RequestExtension, GrantExtension, RefuseExtension, Reassign, AddJointUnit, Merge, Annotate, Direct,
}

/// <summary>Who acts on a case. The responsible unit is the agency the case was assigned to (the lead);
/// a joint unit (协办单位) is an agency the office added to handle it jointly, which reports its own
/// weekly progress; the submitter is the enterprise that sent the card.</summary>
public enum CaseActor { Office, Leader, ResponsibleUnit, JointUnit, Discipline, Submitter }

/// <summary>One step of a case's history, never edited once written.</summary>
public sealed record CaseStep(CaseAction Action, CaseState From, CaseState To, CaseActor Actor, string ActorId, DateTimeOffset At, string Note);

/// <summary>The legal transitions of a case and who may make them. Everything else is refused with
/// the reason; the API answers 409 for a wrong state and 403 for a wrong actor.</summary>
public static class CaseWorkflow
{
    /// <summary>One rule: from these states, by these actors, to <paramref name="To"/> (null: the case stays
    /// where it is), with or without its text. An action may have several rules, e.g. closing after a
    /// satisfied call-back (office or task force) and after a disputed one (the task force, with its reason).</summary>
    sealed record Rule(CaseAction Action, CaseState[] From, CaseState? To, CaseActor[] By, bool NeedsNote);

    static readonly CaseState[] Working = [CaseState.Assigned, CaseState.InProgress];
    static readonly CaseState[] Every = Enum.GetValues<CaseState>();

    static readonly Rule[] Rules =
    [
        // Its text is the forwarded summary, which the API requires under its own name.
        new(CaseAction.SendForSignOff, [CaseState.Registered], CaseState.SentForSignOff, [CaseActor.Office], false),
        new(CaseAction.Instruct, [CaseState.SentForSignOff], CaseState.Instructed, [CaseActor.Leader], true),
        new(CaseAction.Assign, [CaseState.Instructed], CaseState.Assigned, [CaseActor.Office], false),
        new(CaseAction.UpdateProgress, Working, CaseState.InProgress, [CaseActor.ResponsibleUnit, CaseActor.JointUnit, CaseActor.Office], true),
        // The result in writing: what the submitter will read and be called back about.
        new(CaseAction.Resolve, Working, CaseState.Resolved, [CaseActor.ResponsibleUnit, CaseActor.Office], true),
        new(CaseAction.Verify, [CaseState.Resolved], CaseState.Verified, [CaseActor.Discipline], false),
        // 回访: the office asks the submitter; what it said is written down either way when it is not satisfied.
        new(CaseAction.CallBackSatisfied, [CaseState.Verified], CaseState.CalledBack, [CaseActor.Office], false),
        new(CaseAction.CallBackNotSatisfied, [CaseState.Verified], CaseState.Disputed, [CaseActor.Office], true),
        // Closing is gated by the call-back; over the submitter's dissatisfaction only the task force closes, with its reason.
        new(CaseAction.Close, [CaseState.CalledBack], CaseState.Closed, [CaseActor.Discipline, CaseActor.Office], false),
        new(CaseAction.Close, [CaseState.Disputed], CaseState.Closed, [CaseActor.Discipline], true),
        new(CaseAction.Reject, [CaseState.Registered, CaseState.SentForSignOff], CaseState.Rejected, [CaseActor.Office], true),
        new(CaseAction.Reopen, [CaseState.Resolved, CaseState.Verified, CaseState.CalledBack, CaseState.Disputed, CaseState.Closed, CaseState.Rejected], CaseState.Registered,
            [CaseActor.Submitter, CaseActor.Discipline], true),
        new(CaseAction.RequestExtension, Working, null, [CaseActor.ResponsibleUnit], true),
        new(CaseAction.GrantExtension, Working, null, [CaseActor.Office], false),
        new(CaseAction.RefuseExtension, Working, null, [CaseActor.Office], true),
        new(CaseAction.Reassign, Working, CaseState.Assigned, [CaseActor.Office], true),
        new(CaseAction.AddJointUnit, Working, null, [CaseActor.Office], true),
        // A duplicate card's case joins another before it is answered; its card stays, its submitter is told why.
        new(CaseAction.Merge, [CaseState.Registered, CaseState.SentForSignOff, CaseState.Instructed, CaseState.Assigned, CaseState.InProgress], CaseState.Merged,
            [CaseActor.Office], true),
        new(CaseAction.Annotate, Every, null, [CaseActor.Discipline], true),
        new(CaseAction.Direct, Every, null, [CaseActor.Discipline], true),
    ];

    public enum Refusal { None, WrongState, WrongActor, NoteRequired }

    /// <summary>The state after <paramref name="action"/>, or why it is refused. Steps that are their text
    /// (a reason, an instruction, an update, the result, what the submitter said) need it.</summary>
    public static (CaseState State, Refusal Refusal, string Why) Apply(CaseState state, CaseAction action, CaseActor actor, string? note)
    {
        var rules = Rules.Where(r => r.Action == action).ToList();
        var here = rules.Where(r => r.From.Contains(state)).ToList();
        if (here.Count == 0)
            return (state, Refusal.WrongState, $"{action} is not possible while the case is {state} (possible from {string.Join(", ", rules.SelectMany(r => r.From).Distinct())}).");
        var rule = here.FirstOrDefault(r => r.By.Contains(actor));
        if (rule is null)
            return (state, Refusal.WrongActor, $"{action} is done by {string.Join(" or ", here.SelectMany(r => r.By).Distinct())}, not {actor}.");
        if (rule.NeedsNote && string.IsNullOrWhiteSpace(note))
            return (state, Refusal.NoteRequired, $"{action} needs its text (the reason, the instruction, the update, the result or what was said).");
        return (rule.To ?? state, Refusal.None, "");
    }

    /// <summary>A case assigned or in progress is updated at least this often.</summary>
    public static readonly TimeSpan UpdateEvery = TimeSpan.FromDays(7);

    /// <summary>Cases are followed up weekly (每周更新): an assigned case whose last update is older
    /// than a week, or whose deadline has passed unresolved, is overdue.</summary>
    public static bool IsOverdue(CaseState state, DateTimeOffset lastUpdate, DateOnly? deadline, DateTimeOffset now, DateOnly today) =>
        state is CaseState.Assigned or CaseState.InProgress && (now - lastUpdate > UpdateEvery || (deadline is { } d && today > d));

    /// <summary>A case waiting for the office to send it for sign-off (registered) or for the leader's
    /// instruction (sent for sign-off) longer than its limit is flagged like an overdue one. The wait is
    /// counted in whole days of the park's calendar from the day it began, so the moment it lapses (at the
    /// start of a day) tells nobody when in that day a card came in: that moment could point at its submitter.</summary>
    public static bool IsWaitingTooLong(CaseState state, DateOnly waitingSince, DateOnly today, WaitingLimits limits) => state switch
    {
        CaseState.Registered => today.DayNumber - waitingSince.DayNumber > limits.SignOffDays,
        CaseState.SentForSignOff => today.DayNumber - waitingSince.DayNumber > limits.InstructionDays,
        _ => false,
    };
}

/// <summary>How many calendar days a case may wait to be sent for sign-off, and then for the leader's instruction.</summary>
public sealed record WaitingLimits(int SignOffDays, int InstructionDays);
