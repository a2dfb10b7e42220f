namespace Tolerance.Api.Features.Deciding;

public sealed record CorrectionRequest(string? MatterCode, int? Severity, bool? RectifiedOnTheSpot, DateOnly? RectificationDeadline, bool? HarmCaused, string? Reason);

/// <summary>The agency corrects a finding it recorded wrongly (wrong matter, wrong severity…): the decision
/// on it is superseded — kept, with the reason and the decision that replaces it — and the engine proposes
/// anew on the corrected finding, which then goes through the whole procedure again. Consumers hear of an
/// issued decision set aside through <see cref="ToleranceDecisionSuperseded"/>; of a proposal, nothing
/// (they never heard of it).</summary>
public static class CorrectingFindings
{
    public static RouteGroupBuilder MapFindingCorrections(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/supersede", Supersede).RequireAuthorization(Roles.Agency)
            .WithSummary("更正检查发现 The agency corrects the finding: the decision is superseded and a new one proposed on the corrected facts");
        return group;
    }

    static async Task<Results<Ok<DecisionResponse>, ValidationProblem, ProblemHttpResult>> Supersede(Guid id, CorrectionRequest r, ToleranceDb db, Actor actor,
        TimeProvider clock, IOptions<ToleranceOptions> options, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockRowAsync((ToleranceDecision d) => d.Id, id, ct);
        var old = await db.Decisions.FirstOrDefaultAsync(d => d.Id == id, ct);
        var by = old is null ? null : DecisionProcedure.PartOf(old, actor);
        if (old is null || by is null) return Problems.NotFound("No such decision.", $"No decision {id} that you may see.");
        var (to, refusal, why) = DecisionWorkflow.Apply(old.Status, DecisionAction.Supersede, by.Value, r.Reason);
        if (refusal == DecisionWorkflow.Refusal.WrongState) return Problems.Conflict("Not possible now.", why!);
        if (refusal == DecisionWorkflow.Refusal.WrongActor) return Problems.Forbidden(why!);

        var v = new Validation();
        v.Code("matterCode", r.MatterCode, what: "The matter of the finding: its catalog code.");
        v.Require(r.Severity is >= 1 and <= 5, "severity", "1 to 5.");
        v.Require(r.RectifiedOnTheSpot is not null, "rectifiedOnTheSpot", "Say whether it was corrected on the spot.");
        if (r.RectifiedOnTheSpot == false) v.Require(r.RectificationDeadline is not null, "rectificationDeadline", "The rectification deadline.");
        if (r.RectifiedOnTheSpot == true) v.Require(r.RectificationDeadline is null, "rectificationDeadline", "Corrected on the spot needs no deadline.");
        v.Require(r.HarmCaused is not null, "harmCaused", "Say whether it caused harm.");
        v.Text("reason", r.Reason, 4000, min: 2, multiline: true);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var finding = await db.Ledger.FirstAsync(l => l.FilingNo == old.FilingNo && l.FindingIndex == old.FindingIndex, ct);
        finding.MatterCode = r.MatterCode!;
        finding.Severity = r.Severity!.Value;
        var list = await db.Lists.AsNoTracking().Where(l => l.Status == ListStatus.Published).OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
        var history = await db.Ledger.AsNoTracking().Where(l => l.CreditCode == old.CreditCode && l.MatterCode == r.MatterCode && l.FilingNo != old.FilingNo)
            .Select(l => new EarlierFinding(l.CreditCode, l.MatterCode, l.AgencyCode, l.FoundOn, l.FilingNo)).ToListAsync(ct);
        var facts = new FindingFacts(old.CreditCode, r.MatterCode!, old.AgencyCode, finding.FoundOn, r.Severity!.Value, r.RectifiedOnTheSpot!.Value, r.RectificationDeadline, r.HarmCaused!.Value);
        var decision = DecisionEngine.Decide(facts, list?.Items ?? [], list?.Version ?? 0, history);
        var now = clock.GetUtcNow();
        var next = new ToleranceDecision
        {
            Id = Guid.CreateVersion7(now), FilingNo = old.FilingNo, FindingIndex = old.FindingIndex, CreditCode = old.CreditCode, AgencyCode = old.AgencyCode,
            MatterCode = r.MatterCode!, Kind = decision.Kind, Outcome = decision.Outcome, ProposedKind = decision.Kind, ProposedOutcome = decision.Outcome,
            ItemCode = decision.ItemCode, ListVersion = decision.ListVersion, LegalBasis = decision.LegalBasis, ConditionDeadline = decision.ConditionDeadline,
            Evaluations = [.. decision.Evaluations], ProposalReasoning = decision.Reasoning, Reasoning = decision.Reasoning, DecidedAt = now,
            Status = DecisionStatus.Proposed, Supersedes = old.Id,
        };
        StatementPeriod.Set(next, await StatementPeriod.ClockAsync(db, ct), options.Value.StatementWorkingDays);

        var wasIssued = old.Status == DecisionStatus.Active;
        old.Status = to;
        old.SupersededBy = next.Id;
        old.SupersededAt = now;
        old.CorrectionReason = r.Reason!.Trim();
        if (wasIssued)
            db.EnqueueEvent(new ToleranceDecisionSuperseded(old.Id, next.Id, old.FilingNo, old.FindingIndex, old.CreditCode, old.AgencyCode, old.CorrectionReason, now), clock);
        // The old decision leaves the finding's one standing place before the new one takes it.
        await db.SaveChangesAsync(ct);
        db.Decisions.Add(next);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(DecisionResponse.From(next));
    }
}
