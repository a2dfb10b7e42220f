using Microsoft.AspNetCore.Mvc;

namespace Supervision.Api.Features.Cases;

/// <summary>The text of a step (instruction, update, reason, result, what the submitter said), the unit
/// and deadline of an assignment or reassignment, the deadline asked for or granted in an extension,
/// whether the submitter was satisfied when called back (回访), the forwarded summary (转办内容) of a
/// sending for sign-off, the case a duplicate is merged into, and the revision the caller read, so a step
/// taken on stale information is refused.</summary>
public sealed record StepRequest(string? Note, string? AssignedTo, DateOnly? Deadline, int? Revision, string? ForwardedSummary = null, bool? Satisfied = null,
    string? IntoCaseNo = null);

/// <summary>送签 → 批示 → 转办 → 每周更新 → 办结 → 跟踪问效 → 回访 → 关闭, rejection and reopening, extensions,
/// reassignment and the task force's annotations and directions: one route per step, each open to the
/// roles that may take it; the workflow then decides on the case itself (wrong state 409, wrong actor
/// 403) and the step is written to the permanent history.</summary>
public static class CaseSteps
{
    public static RouteGroupBuilder MapCaseSteps(this RouteGroupBuilder group)
    {
        Map(group, "send-for-sign-off", _ => CaseAction.SendForSignOff, "送签 Send for the county leader's sign-off (office)", Roles.Office);
        Map(group, "instruct", _ => CaseAction.Instruct, "领导批示 The leader's instruction (leader)", Roles.Leader);
        Map(group, "assign", _ => CaseAction.Assign, "转办 Transfer to the responsible unit with a deadline (office)", Roles.Office);
        Map(group, "progress", _ => CaseAction.UpdateProgress, "每周更新 Weekly progress update (responsible unit or office)", Roles.Agency, Roles.Office);
        Map(group, "resolve", _ => CaseAction.Resolve, "办结 Report the case resolved, with the result in writing (responsible unit or office)", Roles.Agency, Roles.Office);
        Map(group, "verify", _ => CaseAction.Verify, "跟踪问效 Verify the result (discipline task force)", Roles.Discipline);
        Map(group, "call-back", r => r.Satisfied is false ? CaseAction.CallBackNotSatisfied : CaseAction.CallBackSatisfied,
            "回访 The submitter's answer when called back: satisfied, or not satisfied with what it said (office)", Roles.Office);
        Map(group, "close", _ => CaseAction.Close, "关闭 Close a case after the call-back: satisfied (task force or office), not satisfied (task force, with its reason)", Roles.Discipline, Roles.Office);
        Map(group, "reject", _ => CaseAction.Reject, "不予受理 Reject as not our responsibility, with the reason shown to the submitter (office)", Roles.Office);
        Map(group, "reopen", _ => CaseAction.Reopen, "重新办理 Reopen (the submitter or the task force)", Roles.Enterprise, Roles.Discipline);
        Map(group, "request-extension", _ => CaseAction.RequestExtension, "延期申请 Ask for a later deadline, with the reason (responsible unit)", Roles.Agency);
        Map(group, "grant-extension", _ => CaseAction.GrantExtension, "批准延期 Grant the extension asked for, or another later deadline (office)", Roles.Office);
        Map(group, "refuse-extension", _ => CaseAction.RefuseExtension, "不予延期 Refuse the extension, with the reason (office)", Roles.Office);
        Map(group, "reassign", _ => CaseAction.Reassign, "改派 Transfer the case to another unit, with the reason (office)", Roles.Office);
        Map(group, "add-joint-unit", _ => CaseAction.AddJointUnit, "协办 Add a unit to handle the case jointly, reporting its own weekly progress, with the reason (office)", Roles.Office);
        Map(group, "merge", _ => CaseAction.Merge, "合并 Merge a duplicate card's case into another case, with the reason told to its submitter (office)", Roles.Office);
        Map(group, "annotate", _ => CaseAction.Annotate, "批注 The task force's annotation, at any stage (discipline task force)", Roles.Discipline);
        Map(group, "direct", _ => CaseAction.Direct, "督办指示 The task force's direction, at any stage (discipline task force)", Roles.Discipline);
        return group;
    }

    static void Map(RouteGroupBuilder group, string route, Func<StepRequest, CaseAction> action, string summary, params string[] roles) =>
        group.MapPost($"/{{id:guid}}/{route}", (Guid id, [FromBody] StepRequest? r, SupervisionDb db, Actor actor, TimeProvider clock, IOptions<SupervisionOptions> options, CancellationToken ct) =>
            {
                r ??= new StepRequest(null, null, null, null);
                return TakeAsync(id, action(r), r, db, actor, clock, options.Value.Waiting, ct);
            })
            .RequireAuthorization(p => p.RequireRole(roles))
            .WithName($"Case{action(new StepRequest(null, null, null, null))}")
            .WithSummary(summary);

    static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> TakeAsync(Guid id, CaseAction action, StepRequest r, SupervisionDb db, Actor actor, TimeProvider clock,
        WaitingLimits limits, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = Validate(action, r, ChinaTime.Day(now));
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var c = await db.Cases.Include(x => x.Card).Include(x => x.History).Include(x => x.JointUnits).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || CaseResponse.AudienceOf(actor, c) == CaseAudience.None) return Problems.NotFound("No such case.", $"No case {id} you may see.");
        if (r.Revision is { } read && read != c.Revision)
            return Problems.Conflict("The case changed since you read it.", $"You read revision {read}; it is at {c.Revision}. Read it again.");
        if (action is CaseAction.Assign or CaseAction.Reassign or CaseAction.AddJointUnit && !await db.Agencies.AnyAsync(a => a.Code == r.AssignedTo, ct))
            return Problems.Unprocessable("Unknown unit.", new Dictionary<string, string[]> { ["assignedTo"] = [$"No agency {r.AssignedTo} in the county's catalog."] });

        // Sending for sign-off writes the forwarded summary as the step's text: the history keeps what was forwarded each time.
        var note = action == CaseAction.SendForSignOff ? r.ForwardedSummary?.Trim() : r.Note?.Trim();
        var (to, role, refusal, why) = Decide(c, action, actor, note);
        if (refusal == CaseWorkflow.Refusal.WrongState) return Problems.Conflict("Not possible now.", why);
        if (refusal == CaseWorkflow.Refusal.WrongActor) return Problems.Forbidden(why);
        if (refusal == CaseWorkflow.Refusal.NoteRequired)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [why] });
        if (Against(c, action, r) is { } problem) return problem;
        SupervisionCase? into = null;
        if (action == CaseAction.Merge)
        {
            into = await db.Cases.Include(x => x.History).FirstOrDefaultAsync(x => x.CaseNo == r.IntoCaseNo, ct);
            if (into is null || into.Id == c.Id || into.State is CaseState.Closed or CaseState.Rejected or CaseState.Merged)
                return Problems.Unprocessable("Not a case to merge into.", new Dictionary<string, string[]> { ["intoCaseNo"] = ["Another case, still being handled."] });
        }

        Apply(c, action, r, to, role, note, actor, now);
        if (into is not null) Absorb(into, c, role, actor, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsConflict())   // a concurrent step won the revision or the history sequence
        {
            return Problems.Conflict("The case changed at the same moment.", "Another step was taken just now. Read the case again.");
        }
        return TypedResults.Ok(CaseResponse.For(c, CaseResponse.AudienceOf(actor, c), now, limits));
    }

    /// <summary>The step's own shape: a note of text; a unit for an assignment or reassignment; a deadline
    /// for an assignment, an extension asked for, and optionally a reassignment or an extension granted;
    /// whether satisfied for a call-back only.</summary>
    static Validation Validate(CaseAction action, StepRequest r, DateOnly today)
    {
        var v = new Validation();
        v.OptionalText("note", r.Note, 2000, multiline: true);
        if (action == CaseAction.SendForSignOff)
        {
            // What officials will read instead of the card: the office writes it, so it is never the submitter's own text.
            v.Text("forwardedSummary", r.ForwardedSummary, 2000, min: 4, multiline: true);
            v.Require(r.Note is null, "note", "Sending for sign-off carries the forwarded summary (转办内容), not a note.");
        }
        else
        {
            v.Require(r.ForwardedSummary is null, "forwardedSummary", "Only sending for sign-off carries a forwarded summary (转办内容).");
        }
        if (action is CaseAction.Assign or CaseAction.Reassign or CaseAction.AddJointUnit) v.AgencyCode("assignedTo", r.AssignedTo);
        else v.Require(r.AssignedTo is null, "assignedTo", "Only an assignment, a reassignment or a joint unit names a unit.");
        if (action is CaseAction.Assign or CaseAction.RequestExtension || r.Deadline is not null && action is CaseAction.Reassign or CaseAction.GrantExtension)
            v.Require(r.Deadline is { } d && d >= today && d <= today.AddYears(1), "deadline", "The deadline (限期): from today to a year ahead.");
        else v.Require(r.Deadline is null, "deadline", "Only an assignment, a reassignment or an extension sets a deadline.");
        if (action is CaseAction.CallBackSatisfied or CaseAction.CallBackNotSatisfied)
            v.Require(r.Satisfied is not null, "satisfied", "Whether the submitter is satisfied with the answer (满意 true, 不满意 false).");
        else v.Require(r.Satisfied is null, "satisfied", "Only a call-back (回访) says whether the submitter is satisfied.");
        if (action == CaseAction.Merge) v.Code("intoCaseNo", r.IntoCaseNo, 30, "The number of the case it duplicates, e.g. JD2026-0001.");
        else v.Require(r.IntoCaseNo is null, "intoCaseNo", "Only a merge names the case merged into.");
        v.Require(r.Revision is null or >= 0, "revision", "The revision you read.");
        return v;
    }

    /// <summary>What the case itself forbids beyond its state: an extension is answered only when asked for,
    /// and asked for once at a time, for a later day than the deadline in force; a reassignment goes to another unit.</summary>
    static ProblemHttpResult? Against(SupervisionCase c, CaseAction action, StepRequest r)
    {
        switch (action)
        {
            case CaseAction.RequestExtension when c.ExtensionRequested is { } pending:
                return Problems.Conflict("An extension is already asked for.", $"The office has not yet answered the request for {pending:yyyy-MM-dd}.");
            case CaseAction.GrantExtension or CaseAction.RefuseExtension when c.ExtensionRequested is null:
                return Problems.Conflict("No extension is asked for.", "The responsible unit has not asked for an extension that awaits an answer.");
            case CaseAction.RequestExtension or CaseAction.GrantExtension when r.Deadline is { } d && c.Deadline is { } current && d <= current:
                return Problems.Unprocessable("Not an extension.", new Dictionary<string, string[]> { ["deadline"] = [$"Later than the deadline in force, {current:yyyy-MM-dd}."] });
            case CaseAction.Reassign or CaseAction.AddJointUnit when r.AssignedTo == c.AssignedTo:
                return Problems.Unprocessable("Not another unit.", new Dictionary<string, string[]> { ["assignedTo"] = [$"The case is already with {c.AssignedTo}."] });
            case CaseAction.AddJointUnit when c.JointUnits.Any(u => u.AgencyCode == r.AssignedTo):
                return Problems.Unprocessable("Not another unit.", new Dictionary<string, string[]> { ["assignedTo"] = [$"{r.AssignedTo} already handles the case jointly."] });
            default:
                return null;
        }
    }

    /// <summary>The case moves to <paramref name="to"/> and the step is written to its permanent history.</summary>
    static void Apply(SupervisionCase c, CaseAction action, StepRequest r, CaseState to, string role, string? note, Actor actor, DateTimeOffset now)
    {
        var from = c.State;
        c.State = to;
        if (to != from) c.StateSince = now;
        c.Revision++;
        // The unit and deadline the step names, as the history keeps them.
        (string? unit, DateOnly? deadline) = (null, null);
        switch (action)
        {
            case CaseAction.SendForSignOff:
                c.ForwardedSummary = note;
                break;
            case CaseAction.Assign:
                (c.AssignedTo, c.Deadline, c.LastUpdateAt) = (r.AssignedTo, r.Deadline, now);
                (unit, deadline) = (r.AssignedTo, r.Deadline);
                break;
            case CaseAction.Reassign:
                // The new unit's weekly clock starts now; an extension the previous unit asked for lapses with it;
                // a joint unit that becomes the responsible one is no longer a joint unit.
                (c.AssignedTo, c.Deadline, c.LastUpdateAt, c.ExtensionRequested) = (r.AssignedTo, r.Deadline ?? c.Deadline, now, null);
                c.JointUnits.RemoveAll(u => u.AgencyCode == r.AssignedTo);
                (unit, deadline) = (c.AssignedTo, c.Deadline);
                break;
            case CaseAction.Merge:
                (c.ExtensionRequested, c.LastUpdateAt) = (null, null);
                c.JointUnits.Clear();
                break;
            case CaseAction.AddJointUnit:
                c.JointUnits.Add(new JointUnit { CaseId = c.Id, AgencyCode = r.AssignedTo!, JoinedAt = now, LastUpdateAt = now });
                unit = r.AssignedTo;
                break;
            case CaseAction.RequestExtension:
                c.ExtensionRequested = deadline = r.Deadline;
                break;
            case CaseAction.GrantExtension:
                (c.Deadline, c.ExtensionRequested) = (r.Deadline ?? c.ExtensionRequested, null);
                deadline = c.Deadline;
                break;
            case CaseAction.RefuseExtension:
                c.ExtensionRequested = null;
                break;
            case CaseAction.UpdateProgress when role == "joint-unit":
                // A joint unit's update keeps its own clock only: it does not stand in for the responsible unit's.
                c.JointUnits.Single(u => u.AgencyCode == actor.AgencyCode).LastUpdateAt = now;
                break;
            case CaseAction.UpdateProgress:
                c.LastUpdateAt = now;
                break;
            case CaseAction.Resolve:
                c.ResolvedAt = now;
                break;
            case CaseAction.Close:
                c.ClosedAt = now;
                break;
            case CaseAction.Reopen:
                (c.Deadline, c.ExtensionRequested, c.LastUpdateAt, c.ResolvedAt, c.ClosedAt) = (null, null, null, null, null);
                c.JointUnits.Clear();
                break;
        }
        c.History.Add(new CaseHistoryEntry
        {
            CaseId = c.Id, Sequence = c.History.Count + 1, Action = action.ToString(), From = from, To = to, ActorRole = role, ActorId = actor.Subject,
            ActorClient = actor.ClientId, ActorAddress = actor.Address, At = now, Note = note ?? "", AssignedTo = unit, Deadline = deadline,
        });
    }

    /// <summary>The case merged into records the duplicate in its own history, in the same write: both
    /// submitters are told, each in its own case, and neither reads the other's card.</summary>
    static void Absorb(SupervisionCase into, SupervisionCase duplicate, string role, Actor actor, DateTimeOffset now)
    {
        duplicate.MergedInto = into.Id;
        into.Revision++;
        into.History.Add(new CaseHistoryEntry
        {
            CaseId = into.Id, Sequence = into.History.Count + 1, Action = "MergedIn", From = into.State, To = into.State, ActorRole = role, ActorId = actor.Subject,
            ActorClient = actor.ClientId, ActorAddress = actor.Address, At = now, Note = $"同一事项的另一张监督卡（案件 {duplicate.CaseNo}）已并入本案，一并办理并分别答复反映企业",
        });
    }

    /// <summary>The actor's capacities on this case (an official may hold several roles); the first one
    /// the workflow accepts takes the step, else the most telling refusal is answered.</summary>
    static (CaseState To, string Role, CaseWorkflow.Refusal Refusal, string Why) Decide(SupervisionCase c, CaseAction action, Actor actor, string? note)
    {
        var capacities = new List<(CaseActor Actor, string Role)>();
        if (actor.IsIn(Roles.Office)) capacities.Add((CaseActor.Office, "office"));
        if (actor.IsIn(Roles.Leader)) capacities.Add((CaseActor.Leader, "leader"));
        if (actor.IsIn(Roles.Discipline)) capacities.Add((CaseActor.Discipline, "discipline"));
        if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency && c.AssignedTo == agency) capacities.Add((CaseActor.ResponsibleUnit, "responsible-unit"));
        if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } joint && c.JointUnits.Any(u => u.AgencyCode == joint)) capacities.Add((CaseActor.JointUnit, "joint-unit"));
        if (actor.IsIn(Roles.Enterprise) && actor.CreditCode is { } code && c.Card.SubmitterCreditCode == code) capacities.Add((CaseActor.Submitter, "submitter"));
        if (capacities.Count == 0)
            return (c.State, "", CaseWorkflow.Refusal.WrongActor, $"{action} is not yours to take on this case: it is not assigned to you.");

        var outcomes = capacities.Select(x => (x.Role, Result: CaseWorkflow.Apply(c.State, action, x.Actor, note))).ToList();
        var taken = outcomes.FirstOrDefault(o => o.Result.Refusal == CaseWorkflow.Refusal.None);
        if (taken.Role is not null) return (taken.Result.State, taken.Role, CaseWorkflow.Refusal.None, "");
        var told = outcomes.FirstOrDefault(o => o.Result.Refusal == CaseWorkflow.Refusal.NoteRequired);
        if (told.Role is null) told = outcomes.FirstOrDefault(o => o.Result.Refusal == CaseWorkflow.Refusal.WrongState);
        if (told.Role is null) told = outcomes[0];
        return (c.State, told.Role, told.Result.Refusal, told.Result.Why);
    }
}
