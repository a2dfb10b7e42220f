using Filing.Contracts;
using MassTransit;
using Tolerance.Api.Features.Deciding;

namespace Tolerance.Api.Consumers;

/// <summary>For each finding of a completed inspection the engine proposes a decision against the published
/// list, judged "first" against every agency's earlier findings; then the findings join that ledger. The
/// proposal is what the enterprise is told: its period to state its case starts the next working day.
/// Nothing is issued here (see <see cref="Features.Deciding.DecisionProcedure"/>).</summary>
public sealed class InspectionCompletedConsumer(ToleranceDb db, TimeProvider clock, IOptions<ToleranceOptions> options, ILogger<InspectionCompletedConsumer> logger)
    : IdempotentConsumer<InspectionCompleted, ToleranceDb>(db, clock, logger)
{
    protected override async Task Handle(InspectionCompleted m, ConsumeContext<InspectionCompleted> context, CancellationToken cancellationToken)
    {
        Telemetry.TagInspection(m.JointId, m.FilingNo);
        if (m.Findings.Count == 0) return;
        var list = await Db.Lists.AsNoTracking().Where(l => l.Status == ListStatus.Published).OrderByDescending(l => l.Version).FirstOrDefaultAsync(cancellationToken);
        var matters = m.Findings.Select(f => f.MatterCode).Distinct().ToList();
        var history = await Db.Ledger.AsNoTracking().Where(l => l.CreditCode == m.CreditCode && matters.Contains(l.MatterCode) && l.FilingNo != m.FilingNo)
            .Select(l => new EarlierFinding(l.CreditCode, l.MatterCode, l.AgencyCode, l.FoundOn, l.FilingNo)).ToListAsync(cancellationToken);
        var foundOn = ChinaTime.Day(m.CompletedAt);
        var now = Clock.GetUtcNow();
        var calendar = await StatementPeriod.ClockAsync(Db, cancellationToken);

        for (var index = 0; index < m.Findings.Count; index++)
        {
            var f = m.Findings[index];
            var facts = new FindingFacts(m.CreditCode, f.MatterCode, f.AgencyCode, foundOn, f.Severity, f.RectifiedOnTheSpot, f.RectificationDeadline, f.HarmCaused);
            var decision = DecisionEngine.Decide(facts, list?.Items ?? [], list?.Version ?? 0, history);
            var record = new ToleranceDecision
            {
                Id = Guid.CreateVersion7(now), FilingNo = m.FilingNo, FindingIndex = index, CreditCode = m.CreditCode, AgencyCode = f.AgencyCode,
                MatterCode = f.MatterCode, Kind = decision.Kind, Outcome = decision.Outcome, ProposedKind = decision.Kind, ProposedOutcome = decision.Outcome,
                ItemCode = decision.ItemCode, ListVersion = decision.ListVersion, LegalBasis = decision.LegalBasis, ConditionDeadline = decision.ConditionDeadline,
                Evaluations = [.. decision.Evaluations], ProposalReasoning = decision.Reasoning, Reasoning = decision.Reasoning, DecidedAt = now, Status = DecisionStatus.Proposed,
            };
            StatementPeriod.Set(record, calendar, options.Value.StatementWorkingDays);
            Db.Decisions.Add(record);
            Db.Ledger.Add(new LedgerFinding { FilingNo = m.FilingNo, FindingIndex = index, CreditCode = m.CreditCode, MatterCode = f.MatterCode, AgencyCode = f.AgencyCode, FoundOn = foundOn, Severity = f.Severity });
        }
    }
}
