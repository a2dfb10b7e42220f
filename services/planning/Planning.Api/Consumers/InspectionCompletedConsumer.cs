using Filing.Contracts;
using MassTransit;

namespace Planning.Api.Consumers;

/// <summary>Records each completed inspection in the enterprise's ledger.</summary>
public sealed class InspectionCompletedConsumer(PlanningDb db, TimeProvider clock, ILogger<InspectionCompletedConsumer> logger)
    : IdempotentConsumer<InspectionCompleted, PlanningDb>(db, clock, logger)
{
    protected override async Task Handle(InspectionCompleted m, ConsumeContext<InspectionCompleted> context, CancellationToken cancellationToken)
    {
        ServiceDefaults.Telemetry.TagInspection(m.JointId, m.FilingNo);
        if (await Db.CompletedInspections.FindAsync([m.FilingNo], cancellationToken) is not null) return;
        Db.CompletedInspections.Add(new CompletedInspection
        {
            FilingNo = m.FilingNo, JointId = m.JointId, CreditCode = m.CreditCode, LeadAgency = m.LeadAgency, Agencies = [.. m.Agencies],
            Findings = m.Findings.Count, RectifiedOnTheSpot = m.Findings.Count(f => f.RectifiedOnTheSpot), StartedAt = m.StartedAt, CompletedAt = m.CompletedAt,
        });
    }
}
