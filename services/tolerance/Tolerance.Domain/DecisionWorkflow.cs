namespace Tolerance.Domain;

/// <summary>Where a decision stands. The engine proposes (<see cref="Proposed"/>, which the enterprise
/// sees at once); the enterprise may state its case (<see cref="Stated"/>), which the agency answers
/// (<see cref="Answered"/>); the agency's legal review (法制审核) confirms the proposal or departs from it,
/// and only then the decision is issued (<see cref="Active"/>). An issued conditional decision whose
/// rectification is not confirmed in time is <see cref="Revoked"/>. A decision or proposal whose finding the
/// agency corrects is <see cref="Superseded"/> by a new proposal on the corrected finding.</summary>
public enum DecisionStatus { Proposed, Stated, Answered, Active, Revoked, Superseded }

/// <summary>The steps of the procedure: 陈述申辩, its answer, and the legal review's two verdicts.</summary>
public enum DecisionAction { StateCase, Answer, Confirm, Depart, Supersede }

/// <summary>Who acts on a decision: the enterprise concerned, the agency whose finding it is (its legal
/// reviewer), or another official who may read it (the office, the task force).</summary>
public enum DecisionActor { Enterprise, Agency, Official }

/// <summary>The procedure as a table: a step from a state by an actor either leads to the next state or
/// is refused, telling a wrong state (409) from a wrong actor (403) and a missing text (400). Every step
/// carries a text: the enterprise's statement, the agency's answer, the reviewer's opinion, the reason
/// for departing from the proposal or for correcting the finding.</summary>
public static class DecisionWorkflow
{
    public enum Refusal { None, WrongState, WrongActor, TextRequired }

    static readonly (DecisionStatus From, DecisionAction Action, DecisionActor By, DecisionStatus To)[] Steps =
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

    public static (DecisionStatus To, Refusal Refusal, string? Why) Apply(DecisionStatus from, DecisionAction action, DecisionActor by, string? text)
    {
        var fromHere = Steps.Where(s => s.From == from && s.Action == action).ToList();
        if (fromHere.Count == 0)
            return (from, Refusal.WrongState, $"A decision that is {from} cannot take the step {action}.");
        var step = fromHere.FirstOrDefault(s => s.By == by);
        if (step == default)
        {
            var who = fromHere.Single().By;
            return (from, Refusal.WrongActor, $"Only the {who} takes the step {action} now.");
        }
        if (string.IsNullOrWhiteSpace(text))
            return (from, Refusal.TextRequired, "Every step of the procedure is stated in writing.");
        return (step.To, Refusal.None, null);
    }

    /// <summary>The statement period's rule: the enterprise states its case up to the end of the last day
    /// of its period; the review waits for that day to pass unless the enterprise has spoken and been
    /// answered. A period not yet counted (no working calendar for its year) is still open.</summary>
    public static string? OutsideThePeriod(DecisionStatus from, DecisionAction action, DateOnly today, DateOnly? statementDueOn) => (from, action) switch
    {
        (DecisionStatus.Proposed, DecisionAction.StateCase) when statementDueOn is { } due && today > due =>
            $"The period for stating a case ended on {due:yyyy-MM-dd}.",
        (DecisionStatus.Proposed, DecisionAction.Confirm or DecisionAction.Depart) when statementDueOn is not { } due || today <= due =>
            statementDueOn is { } open ? $"The enterprise may state its case until {open:yyyy-MM-dd}." : "The statement period cannot be counted yet: no working calendar for its year.",
        _ => null,
    };
}
