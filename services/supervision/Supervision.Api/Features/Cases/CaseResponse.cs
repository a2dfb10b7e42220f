namespace Supervision.Api.Features.Cases;

/// <summary>What a reader of a case may see. The office and the task force see everything; the accused
/// agency, the responsible unit and the leader see what they need to act, without who submitted
/// (unless the submitter consented); the submitter sees its card, the status and the answers.</summary>
public enum CaseAudience { None, Submitter, Official, Full }

public sealed record SubmitterResponse(string CreditCode, string? Name);

public sealed record StepResponse(int Sequence, string Action, CaseState From, CaseState To, string ActorRole, string? ActorId, string? ActorClient, string? ActorAddress,
    DateTimeOffset At, string? Note, string? AssignedTo, DateOnly? Deadline);

public sealed record RetaliationFlagResponse(Guid Id, string AgencyCode, string CreditCode, RetaliationTrigger Trigger, string Reference, bool Planned, DateTimeOffset OccurredAt, DateTimeOffset RaisedAt)
{
    public Guid? CaseId { get; init; }
}

public sealed record CaseResponse(Guid Id, string CaseNo, CaseState State, CardType Type, CardSource Source, string? AgencyCode, string? FilingNo, string? ProvisionalNo,
    string Description, DateOnly? OccurredOn, SubmitterResponse? Submitter, bool SubmitterProtected, string? AssignedTo, DateOnly? Deadline, DateTimeOffset OpenedAt,
    DateTimeOffset? LastUpdateAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, bool Overdue, int EscalationLevel, int Revision,
    IReadOnlyList<StepResponse> History, IReadOnlyList<RetaliationFlagResponse>? RetaliationFlags)
{
    /// <summary>Steps whose text answers the submitter; instructions and internal updates are not.</summary>
    static readonly HashSet<string> Answers = ["Opened", nameof(CaseAction.Reject), nameof(CaseAction.Resolve), nameof(CaseAction.Close), nameof(CaseAction.Reopen)];

    public static CaseAudience AudienceOf(Actor actor, SupervisionCase c)
    {
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline)) return CaseAudience.Full;
        if (actor.IsIn(Roles.Leader)) return CaseAudience.Official;
        if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency && (c.Card.AgencyCode == agency || c.AssignedTo == agency)) return CaseAudience.Official;
        if (actor.IsIn(Roles.Enterprise) && actor.CreditCode is { } code && c.Card.SubmitterCreditCode == code) return CaseAudience.Submitter;
        return CaseAudience.None;
    }

    public static CaseResponse For(SupervisionCase c, CaseAudience audience, DateTimeOffset now, IEnumerable<RetaliationFlag>? flags = null)
    {
        var card = c.Card;
        var named = audience is CaseAudience.Full or CaseAudience.Submitter || card.ConsentToDisclose;
        var submitter = card.SubmitterCreditCode is { } code && named ? new SubmitterResponse(code, card.SubmitterName) : null;
        var overdue = CaseWorkflow.IsOverdue(c.State, c.LastUpdateAt ?? c.OpenedAt, c.Deadline, now, ChinaTime.Day(now));
        var history = c.History.OrderBy(h => h.Sequence).Select(h => Step(h, audience)).ToList();
        return new CaseResponse(c.Id, c.CaseNo, c.State, card.Type, card.Source, card.AgencyCode, named ? card.FilingNo : null, card.ProvisionalNo,
            card.Description, card.OccurredOn, submitter, card.SubmitterCreditCode is not null && !named, c.AssignedTo, c.Deadline, c.OpenedAt,
            c.LastUpdateAt, c.ResolvedAt, c.ClosedAt, overdue, audience == CaseAudience.Submitter ? 0 : c.EscalationLevel, c.Revision, history,
            audience == CaseAudience.Full ? (flags ?? []).Select(f => new RetaliationFlagResponse(f.Id, f.AgencyCode, f.CreditCode, f.Trigger, f.Reference, f.Planned, f.OccurredAt, f.RaisedAt)).ToList() : null);

        StepResponse Step(CaseHistoryEntry h, CaseAudience a) => a switch
        {
            CaseAudience.Full => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, h.ActorId, h.ActorClient, h.ActorAddress, h.At, h.Note, h.AssignedTo, h.Deadline),
            // Officials see who among officials acted; the submitter's own steps stay anonymous.
            CaseAudience.Official => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, h.ActorRole == "submitter" && !card.ConsentToDisclose ? null : h.ActorId,
                null, null, h.At, h.Note, h.AssignedTo, h.Deadline),
            _ => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, null, null, null, h.At, Answers.Contains(h.Action) ? h.Note : null, h.AssignedTo, h.Deadline),
        };
    }
}
