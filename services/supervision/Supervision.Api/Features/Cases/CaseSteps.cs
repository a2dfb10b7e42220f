using Microsoft.AspNetCore.Mvc;

namespace Supervision.Api.Features.Cases;

/// <summary>The text of a step (instruction, update, reason, resolution), the unit and deadline of an
/// assignment, the forwarded summary (转办内容) of a sending for sign-off, and the revision the caller
/// read, so a step taken on stale information is refused.</summary>
public sealed record StepRequest(string? Note, string? AssignedTo, DateOnly? Deadline, int? Revision, string? ForwardedSummary = null);

/// <summary>送签 → 批示 → 转办 → 每周更新 → 办结 → 跟踪问效 → 关闭, rejection and reopening: one route per
/// step, each open to the roles that may take it; the workflow then decides on the case itself
/// (wrong state 409, wrong actor 403) and the step is written to the permanent history.</summary>
public static class CaseSteps
{
    public static RouteGroupBuilder MapCaseSteps(this RouteGroupBuilder group)
    {
        Map(group, "send-for-sign-off", CaseAction.SendForSignOff, "送签 Send for the county leader's sign-off (office)", Roles.Office);
        Map(group, "instruct", CaseAction.Instruct, "领导批示 The leader's instruction (leader)", Roles.Leader);
        Map(group, "assign", CaseAction.Assign, "转办 Transfer to the responsible unit with a deadline (office)", Roles.Office);
        Map(group, "progress", CaseAction.UpdateProgress, "每周更新 Weekly progress update (responsible unit or office)", Roles.Agency, Roles.Office);
        Map(group, "resolve", CaseAction.Resolve, "办结 Report the case resolved (responsible unit or office)", Roles.Agency, Roles.Office);
        Map(group, "verify", CaseAction.Verify, "跟踪问效 Verify the result (discipline task force)", Roles.Discipline);
        Map(group, "close", CaseAction.Close, "关闭 Close a verified case (task force or office)", Roles.Discipline, Roles.Office);
        Map(group, "reject", CaseAction.Reject, "不予受理 Reject as not our responsibility, with the reason shown to the submitter (office)", Roles.Office);
        Map(group, "reopen", CaseAction.Reopen, "重新办理 Reopen (the submitter or the task force)", Roles.Enterprise, Roles.Discipline);
        return group;
    }

    static void Map(RouteGroupBuilder group, string route, CaseAction action, string summary, params string[] roles) =>
        group.MapPost($"/{{id:guid}}/{route}", (Guid id, [FromBody] StepRequest? r, SupervisionDb db, Actor actor, TimeProvider clock, CancellationToken ct) =>
                TakeAsync(id, action, r ?? new StepRequest(null, null, null, null), db, actor, clock, ct))
            .RequireAuthorization(p => p.RequireRole(roles))
            .WithName($"Case{action}")
            .WithSummary(summary);

    static async Task<Results<Ok<CaseResponse>, ValidationProblem, ProblemHttpResult>> TakeAsync(Guid id, CaseAction action, StepRequest r, SupervisionDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = Validate(action, r, ChinaTime.Day(now));
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var c = await db.Cases.Include(x => x.Card).Include(x => x.History).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || CaseResponse.AudienceOf(actor, c) == CaseAudience.None) return Problems.NotFound("No such case.", $"No case {id} you may see.");
        if (r.Revision is { } read && read != c.Revision)
            return Problems.Conflict("The case changed since you read it.", $"You read revision {read}; it is at {c.Revision}. Read it again.");
        if (action == CaseAction.Assign && !await db.Agencies.AnyAsync(a => a.Code == r.AssignedTo, ct))
            return Problems.Unprocessable("Unknown unit.", new Dictionary<string, string[]> { ["assignedTo"] = [$"No agency {r.AssignedTo} in the county's catalog."] });

        // Sending for sign-off writes the forwarded summary as the step's text: the history keeps what was forwarded each time.
        var note = action == CaseAction.SendForSignOff ? r.ForwardedSummary?.Trim() : r.Note?.Trim();
        var (to, role, refusal, why) = Decide(c, action, actor, note);
        if (refusal == CaseWorkflow.Refusal.WrongState) return Problems.Conflict("Not possible now.", why);
        if (refusal == CaseWorkflow.Refusal.WrongActor) return Problems.Forbidden(why);
        if (refusal == CaseWorkflow.Refusal.NoteRequired)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [why] });

        Apply(c, action, r, to, role, note, actor, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsConflict())   // a concurrent step won the revision or the history sequence
        {
            return Problems.Conflict("The case changed at the same moment.", "Another step was taken just now. Read the case again.");
        }
        return TypedResults.Ok(CaseResponse.For(c, CaseResponse.AudienceOf(actor, c), now));
    }

    /// <summary>The step's own shape: a note of text, and a unit and deadline for an assignment only.</summary>
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
        if (action == CaseAction.Assign)
        {
            v.AgencyCode("assignedTo", r.AssignedTo);
            v.Require(r.Deadline is { } d && d >= today && d <= today.AddYears(1), "deadline", "The deadline (限期): from today to a year ahead.");
        }
        else
        {
            v.Require(r.AssignedTo is null, "assignedTo", "Only an assignment names a responsible unit.");
            v.Require(r.Deadline is null, "deadline", "Only an assignment sets a deadline.");
        }
        v.Require(r.Revision is null or >= 0, "revision", "The revision you read.");
        return v;
    }

    /// <summary>The case moves to <paramref name="to"/> and the step is written to its permanent history.</summary>
    static void Apply(SupervisionCase c, CaseAction action, StepRequest r, CaseState to, string role, string? note, Actor actor, DateTimeOffset now)
    {
        var from = c.State;
        c.State = to;
        c.Revision++;
        switch (action)
        {
            case CaseAction.SendForSignOff:
                c.ForwardedSummary = note;
                break;
            case CaseAction.Assign:
                (c.AssignedTo, c.Deadline, c.LastUpdateAt) = (r.AssignedTo, r.Deadline, now);
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
                (c.Deadline, c.LastUpdateAt, c.ResolvedAt, c.ClosedAt) = (null, null, null, null);
                break;
        }
        c.History.Add(new CaseHistoryEntry
        {
            CaseId = c.Id, Sequence = c.History.Count + 1, Action = action.ToString(), From = from, To = to, ActorRole = role, ActorId = actor.Subject,
            ActorClient = actor.ClientId, ActorAddress = actor.Address, At = now, Note = note ?? "",
            AssignedTo = action == CaseAction.Assign ? r.AssignedTo : null, Deadline = action == CaseAction.Assign ? r.Deadline : null,
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
