namespace Supervision.Api.Features.Cases;

/// <summary>What a reader of a case may see. The office and the task force see everything; the accused
/// agency, the responsible unit and the leader see what the office forwards (转办内容), the card type, the
/// agency and the month, unless the submitter consented to be named; the submitter sees its card, the
/// status and the answers.</summary>
public enum CaseAudience { None, Submitter, Official, Full }

public sealed record SubmitterResponse(string CreditCode, string? Name);

/// <summary>The case a duplicate was merged into, and its answers (resolution, closing) as the duplicate's submitter reads them.</summary>
public sealed record MergedIntoResponse(Guid Id, string CaseNo, CaseState State, IReadOnlyList<StepResponse> Answers);

public sealed record JointUnitResponse(string AgencyCode, DateTimeOffset JoinedAt, DateTimeOffset LastUpdateAt, bool Overdue);

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
    /// <summary>The deadline the responsible unit asked for (延期申请), while the office has not answered; not for the submitter.</summary>
    public DateOnly? ExtensionRequested { get; init; }

    /// <summary>The joint units (协办单位), each with its own weekly update and whether it missed one.</summary>
    public IReadOnlyList<JointUnitResponse> JointUnits { get; init; } = [];

    /// <summary>For a merged case (合并), the case it joined; read in full by the office, the task force and its submitter.</summary>
    public MergedIntoResponse? MergedInto { get; init; }

    /// <summary>Steps whose text answers the submitter; instructions and internal updates are not.</summary>
    static readonly HashSet<string> Answers = ["Opened", nameof(CaseAction.Reject), nameof(CaseAction.Resolve), nameof(CaseAction.CallBackSatisfied),
        nameof(CaseAction.CallBackNotSatisfied), nameof(CaseAction.Close), nameof(CaseAction.Reopen), nameof(CaseAction.Merge), "MergedIn"];

    /// <summary>What a merged card's submitter reads of the case its card joined: the answers that are the
    /// office's and the units', never the other submitter's words (its card, its reopening, its call-back).</summary>
    static readonly HashSet<string> SharedAnswers = [nameof(CaseAction.Reject), nameof(CaseAction.Resolve), nameof(CaseAction.Close)];

    /// <summary>Steps whose text is the submitter's own words: the office writes down what it said when called back.</summary>
    static readonly HashSet<string> SubmittersWords = [nameof(CaseAction.CallBackSatisfied), nameof(CaseAction.CallBackNotSatisfied)];

    /// <summary>The channel a card came in by, as officials read it: a card the office entered from paper, a
    /// phone call or a 政企面对面 meeting is, to them, an enterprise's card like one sent online, since the
    /// channel (one meeting, one call) could point at its submitter.</summary>
    public static CardSource AsOfficialsSee(CardSource source) =>
        source is CardSource.Paper or CardSource.Phone or CardSource.FaceToFaceMeeting ? CardSource.Enterprise : source;

    public static CaseAudience AudienceOf(Actor actor, SupervisionCase c)
    {
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline)) return CaseAudience.Full;
        if (actor.IsIn(Roles.Leader)) return CaseAudience.Official;
        if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency && (c.Card.AgencyCode == agency || c.AssignedTo == agency || c.JointUnits.Any(u => u.AgencyCode == agency)))
            return CaseAudience.Official;
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

    /// <summary>Assigned cases lapse by their weekly update or deadline; cases not yet assigned by waiting
    /// for sign-off or instruction beyond <paramref name="limits"/>.</summary>
    public static bool IsOverdue(SupervisionCase c, DateTimeOffset now, WaitingLimits limits) =>
        CaseWorkflow.IsOverdue(c.State, c.LastUpdateAt ?? c.OpenedAt, c.Deadline, now, ChinaTime.Day(now))
        || CaseWorkflow.IsWaitingTooLong(c.State, ChinaTime.Day(c.StateSince ?? c.OpenedAt), ChinaTime.Day(now), limits)
        || c.JointUnits.Any(u => JointUnitOverdue(c, u, now));

    /// <summary><see cref="CaseWorkflow.IsWaitingTooLong"/> as instants, for queries: a wait for sign-off or for
    /// instruction that began before these has lapsed.</summary>
    public static (DateTimeOffset SignOff, DateTimeOffset Instruction) WaitsLapsedBefore(DateTimeOffset now, WaitingLimits limits)
    {
        var today = ChinaTime.Day(now);
        return (ChinaTime.StartOfDay(today.AddDays(-limits.SignOffDays)), ChinaTime.StartOfDay(today.AddDays(-limits.InstructionDays)));
    }

    /// <summary>A joint unit lapses by its own weekly update only; the deadline is the responsible unit's to answer for.</summary>
    static bool JointUnitOverdue(SupervisionCase c, JointUnit u, DateTimeOffset now) => CaseWorkflow.IsOverdue(c.State, u.LastUpdateAt, null, now, ChinaTime.Day(now));

    public static CaseResponse For(SupervisionCase c, CaseAudience audience, DateTimeOffset now, WaitingLimits limits, IEnumerable<RetaliationFlag>? flags = null,
        SupervisionCase? mergedInto = null)
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
        var overdue = IsOverdue(c, now, limits);
        var history = c.History.OrderBy(h => h.Sequence).Select(h => Step(h, audience)).ToList();
        return new CaseResponse(c.Id, c.CaseNo, c.State, card.Type, disclosed ? card.Source : AsOfficialsSee(card.Source), card.AgencyCode, disclosed ? card.FilingNo : null, disclosed ? card.ProvisionalNo : null,
            disclosed ? card.Description : null, disclosed ? card.OccurredOn : null, month, summary, submitter, card.SubmitterCreditCode is not null && !disclosed,
            c.AssignedTo, c.Deadline, disclosed ? c.OpenedAt : null, c.LastUpdateAt, c.ResolvedAt, c.ClosedAt, overdue,
            audience == CaseAudience.Submitter ? 0 : c.EscalationLevel, c.Revision, history,
            audience == CaseAudience.Full ? (flags ?? []).Select(f => new RetaliationFlagResponse(f.Id, f.AgencyCode, f.CreditCode, f.Trigger, f.Reference, f.Planned, f.OccurredAt, f.RaisedAt) { FilingCancelledAt = f.FilingCancelledAt, DecisionSupersededAt = f.DecisionSupersededAt }).ToList() : null)
        {
            ExtensionRequested = audience == CaseAudience.Submitter ? null : c.ExtensionRequested,
            MergedInto = mergedInto is null ? null : new MergedIntoResponse(mergedInto.Id, mergedInto.CaseNo, mergedInto.State,
                audience is CaseAudience.Full or CaseAudience.Submitter
                    ? mergedInto.History.Where(h => SharedAnswers.Contains(h.Action)).OrderBy(h => h.Sequence)
                        .Select(h => new StepResponse(h.Sequence, h.Action, h.From, h.To, h.ActorRole, null, null, null, h.At, h.Note, h.AssignedTo, h.Deadline)).ToList()
                    : []),
            JointUnits = c.JointUnits.OrderBy(u => u.JoinedAt).ThenBy(u => u.AgencyCode)
                .Select(u => new JointUnitResponse(u.AgencyCode, u.JoinedAt, u.LastUpdateAt, JointUnitOverdue(c, u, now))).ToList(),
        };

        StepResponse Step(CaseHistoryEntry h, CaseAudience a)
        {
            // The opening and the submitter's own steps carry its moment and its words.
            var submitters = h.Action == "Opened" || h.ActorRole == "submitter" || SubmittersWords.Contains(h.Action);
            return a switch
            {
                CaseAudience.Full => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, h.ActorId, h.ActorClient, h.ActorAddress, h.At, h.Note, h.AssignedTo, h.Deadline),
                // Officials see who among officials acted and what they wrote.
                CaseAudience.Official when disclosed => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, h.ActorId, null, null, h.At, h.Note, h.AssignedTo, h.Deadline),
                // An entered card opens like one sent online: who entered it would tell the channel.
                CaseAudience.Official => new(h.Sequence, h.Action, h.From, h.To, h.Action == "Opened" && h.ActorRole == "office" ? "submitter" : h.ActorRole, submitters ? null : h.ActorId, null, null,
                    submitters ? null : h.At, submitters ? null : h.Note, h.AssignedTo, h.Deadline),
                _ => new(h.Sequence, h.Action, h.From, h.To, h.ActorRole, null, null, null, h.At, Answers.Contains(h.Action) ? h.Note : null, h.AssignedTo, h.Deadline),
            };
        }
    }
}
