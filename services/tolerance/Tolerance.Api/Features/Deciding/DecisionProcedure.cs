using Persistence;
namespace Tolerance.Api.Features.Deciding;

public sealed record TextRequest(string? Text);

public sealed record DepartureRequest(DecisionKind? Kind, ToleranceOutcome? Outcome, DateOnly? ConditionDeadline, string? Reason);

/// <summary>The procedure between the engine's proposal and the decision (按程序): the enterprise states
/// its case (陈述申辩) within its period, the agency answers it, and the agency's legal review (法制审核)
/// confirms the proposal or departs from it with a reason. Only the review issues the decision, with
/// <see cref="ToleranceDecisionIssued"/>. The steps follow <see cref="DecisionWorkflow"/>.</summary>
public static class DecisionProcedure
{
    public static RouteGroupBuilder MapDecisionProcedure(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/statement", State).RequireAuthorization(Roles.Enterprise)
            .WithSummary("陈述申辩 The enterprise states its case on a proposed decision, within its period in working days");
        group.MapPost("/{id:guid}/answer", Answer).RequireAuthorization(Roles.Agency)
            .WithSummary("答复陈述申辩 The agency answers the enterprise's statement");
        group.MapPost("/{id:guid}/confirm", Confirm).RequireAuthorization(Roles.Agency)
            .WithSummary("法制审核：同意 The agency's legal review confirms the proposal with its opinion; the decision issues");
        group.MapPost("/{id:guid}/depart", Depart).RequireAuthorization(Roles.Agency)
            .WithSummary("法制审核：改变 The agency's legal review departs from the proposal with a written reason; the decision issues");
        return group;
    }

    static Task<Results<Ok<DecisionResponse>, ValidationProblem, ProblemHttpResult>> State(Guid id, TextRequest r, ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct) =>
        StepAsync(id, DecisionAction.StateCase, "text", r.Text, db, actor, clock, null, (d, now) =>
        {
            d.Statement = r.Text!.Trim();
            d.StatedAt = now;
            d.StatedBy = actor.Subject;
        }, ct);

    static Task<Results<Ok<DecisionResponse>, ValidationProblem, ProblemHttpResult>> Answer(Guid id, TextRequest r, ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct) =>
        StepAsync(id, DecisionAction.Answer, "text", r.Text, db, actor, clock, null, (d, now) =>
        {
            d.Answer = r.Text!.Trim();
            d.AnsweredAt = now;
            d.AnsweredBy = actor.Subject;
        }, ct);

    static Task<Results<Ok<DecisionResponse>, ValidationProblem, ProblemHttpResult>> Confirm(Guid id, TextRequest r, ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct) =>
        StepAsync(id, DecisionAction.Confirm, "text", r.Text, db, actor, clock, null, (d, now) => Issue(db, d, r.Text!, departed: false, actor, now, clock), ct);

    static Task<Results<Ok<DecisionResponse>, ValidationProblem, ProblemHttpResult>> Depart(Guid id, DepartureRequest r, ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct) =>
        StepAsync(id, DecisionAction.Depart, "reason", r.Reason, db, actor, clock, (d, v, today) =>
        {
            v.Require(r.Kind is not null, "kind", "Tolerated, ConditionallyTolerated or NotTolerated.");
            if (r.Kind is DecisionKind.NotTolerated) v.Require(r.Outcome is null, "outcome", "A decision not to tolerate grants no outcome.");
            else if (r.Kind is not null) v.Require(r.Outcome is not null, "outcome", "The outcome granted.");
            if (r.Kind is DecisionKind.ConditionallyTolerated)
                v.Require(r.ConditionDeadline is { } due && due > today, "conditionDeadline", "A rectification deadline after today.");
            else v.Require(r.ConditionDeadline is null, "conditionDeadline", "Only a conditional decision has a deadline.");
            if (v.IsValid)
                v.Require(r.Kind != d.ProposedKind || r.Outcome != d.ProposedOutcome || r.ConditionDeadline != d.ConditionDeadline, "kind", "A departure differs from the proposal; to agree, confirm it.");
        }, (d, now) =>
        {
            d.Kind = r.Kind!.Value;
            d.Outcome = r.Outcome;
            d.ConditionDeadline = r.ConditionDeadline;
            Issue(db, d, r.Reason!, departed: true, actor, now, clock);
        }, ct);

    /// <summary>One step: the decision locked, the caller's part in it found, the step checked against the
    /// table and the period, then applied and stored (with its event, if it issues) in one transaction.</summary>
    static async Task<Results<Ok<DecisionResponse>, ValidationProblem, ProblemHttpResult>> StepAsync(Guid id, DecisionAction action, string textField, string? text,
        ToleranceDb db, Actor actor, TimeProvider clock, Action<ToleranceDecision, Validation, DateOnly>? check, Action<ToleranceDecision, DateTimeOffset> apply, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockRowAsync((ToleranceDecision d) => d.Id, id, ct);
        var decision = await db.Decisions.FirstOrDefaultAsync(d => d.Id == id, ct);
        var by = decision is null ? null : PartOf(decision, actor);
        if (decision is null || by is null) return Problems.NotFound("No such decision.", $"No decision {id} that you may see.");

        var (to, refusal, why) = DecisionWorkflow.Apply(decision.Status, action, by.Value, text);
        if (refusal == DecisionWorkflow.Refusal.WrongState) return Problems.Conflict("Not possible now.", why!);
        if (refusal == DecisionWorkflow.Refusal.WrongActor) return Problems.Forbidden(why!);
        var now = clock.GetUtcNow();
        var today = ChinaTime.Day(now);
        if (DecisionWorkflow.OutsideThePeriod(decision.Status, action, today, decision.StatementDueOn) is { } outside) return Problems.Conflict("Not possible now.", outside);

        var v = new Validation();
        v.Text(textField, text, 4000, min: 2, multiline: true);
        check?.Invoke(decision, v, today);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        apply(decision, now);
        decision.Status = to;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(DecisionResponse.From(decision));
    }

    internal static DecisionActor? PartOf(ToleranceDecision d, Actor actor) =>
        actor.IsIn(Roles.Enterprise) && actor.CreditCode == d.CreditCode ? DecisionActor.Enterprise
        : actor.IsIn(Roles.Agency) && actor.AgencyCode == d.AgencyCode ? DecisionActor.Agency
        : actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline) ? DecisionActor.Official
        : null;

    /// <summary>The review's verdict makes the decision: its reasoning states the procedure as it went, and
    /// consumers hear of it as they always have.</summary>
    static void Issue(ToleranceDb db, ToleranceDecision d, string opinion, bool departed, Actor actor, DateTimeOffset now, TimeProvider clock)
    {
        d.ReviewOpinion = opinion.Trim();
        d.Departed = departed;
        d.IssuedAt = now;
        d.ReviewedBy = actor.Subject;
        d.Reasoning = IssuedReasoning.Write(d.ProposalReasoning, new ProcedureFacts(d.AgencyCode, ChinaTime.Day(d.DecidedAt), d.StatementDueOn,
            d.StatedAt is { } stated ? ChinaTime.Day(stated) : null, d.AnsweredAt is { } answered ? ChinaTime.Day(answered) : null, d.Answer,
            ChinaTime.Day(now), d.ReviewOpinion, d.ProposedKind, d.ProposedOutcome, d.Kind, d.Outcome, d.ConditionDeadline));
        db.EnqueueEvent(new ToleranceDecisionIssued(d.Id, d.FilingNo, d.FindingIndex, d.CreditCode, d.AgencyCode, d.MatterCode, d.Kind,
            d.Outcome, d.ItemCode, d.ListVersion, d.ConditionDeadline, now), clock);
    }
}
