namespace Supervision.Api.Features.Cases;

/// <summary>What a reader of a case may see. The office and the task force see everything; the accused
/// agency, the responsible unit and the leader see what the office forwards (转办内容), the card type, the
/// agency and the month, unless the submitter consented to be named; the submitter sees its card, the
/// status and the answers.</summary>
public enum CaseAudience { None, Submitter, Official, Full }

public sealed record SubmitterResponse(string CreditCode, string? Name);

/// <summary>One step as its reader may see it; <see cref="At"/> is empty where the moment would date the card.</summary>
public sealed record StepResponse(int Sequence, string Action, CaseState From, CaseState To, string ActorRole, string? ActorId, string? ActorClient, string? ActorAddress,
    DateTimeOffset? At, string? Note, string? AssignedTo, DateOnly? Deadline);

public sealed record RetaliationFlagResponse(Guid Id, string AgencyCode, string CreditCode, RetaliationTrigger Trigger, string Reference, bool Planned, DateTimeOffset OccurredAt, DateTimeOffset RaisedAt)
{
    public Guid? CaseId { get; init; }
    public DateTimeOffset? FilingCancelledAt { get; init; }
    public DateTimeOffset? DecisionSupersededAt { get; init; }
}

/// <summary>A case. <see cref="Month"/> (yyyy-MM) is when it happened (or was reported), for every reader;
/// the day, the instant it was opened, the card's text and its numbers only for readers the card is
/// disclosed to.</summary>
public sealed record CaseResponse(Guid Id, string CaseNo, CaseState State, CardType Type, CardSource Source, string? AgencyCode, string? FilingNo, string? ProvisionalNo,
    string? Description, DateOnly? OccurredOn, string Month, string? ForwardedSummary, SubmitterResponse? Submitter, bool SubmitterProtected, string? AssignedTo,
    DateOnly? Deadline, DateTimeOffset? OpenedAt, DateTimeOffset? LastUpdateAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, bool Overdue, int EscalationLevel,
    int Revision, IReadOnlyList<StepResponse> History, IReadOnlyList<RetaliationFlagResponse>? RetaliationFlags)
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

    /// <summary>What officials read of a case the office has not forwarded yet: the same words for every
    /// card of a source, so nothing in them points at a submitter, a day, a code or a number.</summary>
    public static string AutomaticSummary(CardSource source) => source switch
    {
        CardSource.Refusal => "企业反映一次未出示有效备案的检查，系统已自动立案，待营商办核实转办。",
        CardSource.BackfillOverdue => "一次紧急检查逾期未书面补报，系统已自动立案，待营商办核实转办。",
        _ => "企业提交监督卡，待营商办核实转办。",
    };

    public static CaseResponse For(SupervisionCase c, CaseAudience audience, DateTimeOffset now, IEnumerable<RetaliationFlag>? flags = null)
    {
        var card = c.Card;
        // Officials read the card itself only with the submitter's consent; otherwise only what the office forwards.
        var disclosed = audience is CaseAudience.Full or CaseAudience.Submitter || card.ConsentToDisclose;
        var submitter = card.SubmitterCreditCode is { } code && disclosed ? new SubmitterResponse(code, card.SubmitterName) : null;
        var summary = audience switch
        {
            CaseAudience.Full => c.ForwardedSummary,
            CaseAudience.Official => c.ForwardedSummary ?? AutomaticSummary(card.Source),
            _ => null,
        };
        var month = $"{card.OccurredOn ?? ChinaTime.Day(card.SubmittedAt):yyyy-MM}";
        var overdue = CaseWorkflow.IsOverdue(c.State, c.LastUpdateAt ?? c.OpenedAt, c.Deadline, now, ChinaTime.Day(now));
        var history = c.History.OrderBy(h => h.Sequence).Select(h => Step(h, audience)).ToList();
        return new CaseResponse(c.Id, c.CaseNo, c.State, card.Type, card.Source, card.AgencyCode, disclosed ? card.FilingNo : null, disclosed ? card.ProvisionalNo : null,
            disclosed ? card.Description : null, disclosed ? card.OccurredOn : null, month, summary, submitter, card.SubmitterCreditCode is not null && !disclosed,
            c.AssignedTo, c.Deadline, disclosed ? c.OpenedAt : null, c.LastUpdateAt, c.ResolvedAt, c.ClosedAt, overdue,
            audience == CaseAudience.Submitter ? 0 : c.EscalationLevel, c.Revision, history,
            audience == CaseAudience.Full ? (flags ?? []).Select(f => new RetaliationFlagResponse(f.Id, f.AgencyCode, f.CreditCode, f.Trigger, f.Reference, f.Planned, f.OccurredAt, f.RaisedAt) { FilingCancelledAt = f.FilingCancelledAt, DecisionSupersededAt = f.DecisionSupersededAt }).ToList() : null);

        StepResponse Step(CaseHistoryEntry h, CaseAudience a)
        {
            // The opening and the submitter's own steps carry its moment and its words.
            var submitters = h.Action == "Opened" || h.ActorRole == "submitter";
            return a switch
            {
                CaseAudience.Full => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, h.ActorId, h.ActorClient, h.ActorAddress, h.At, h.Note, h.AssignedTo, h.Deadline),
                // Officials see who among officials acted and what they wrote.
                CaseAudience.Official when disclosed => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, h.ActorId, null, null, h.At, h.Note, h.AssignedTo, h.Deadline),
                CaseAudience.Official => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, submitters ? null : h.ActorId, null, null,
                    submitters ? null : h.At, submitters ? null : h.Note, h.AssignedTo, h.Deadline),
                _ => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, null, null, null, h.At, Answers.Contains(h.Action) ? h.Note : null, h.AssignedTo, h.Deadline),
            };
        }
    }
}
