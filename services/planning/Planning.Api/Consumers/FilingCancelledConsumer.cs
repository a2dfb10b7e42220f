using Filing.Contracts;
using MassTransit;

namespace Planning.Api.Consumers;

/// <summary>Records a cancelled filing in the enterprise's ledger, once.</summary>
public sealed class FilingCancelledConsumer(PlanningDb db, TimeProvider clock, ILogger<FilingCancelledConsumer> logger)
    : IdempotentConsumer<FilingCancelled, PlanningDb>(db, clock, logger)
{
    protected override async Task Handle(FilingCancelled m, ConsumeContext<FilingCancelled> context, CancellationToken cancellationToken)
    {
        ServiceDefaults.Telemetry.TagInspection(m.JointId, m.FilingNo);
        if (await Db.CancelledFilings.FindAsync([m.FilingNo], cancellationToken) is not null) return;
        Db.CancelledFilings.Add(new CancelledFiling
        {
            FilingNo = m.FilingNo, JointId = m.JointId, CreditCode = m.CreditCode, LeadAgency = m.LeadAgency, Agencies = [.. m.Agencies],
            WindowStart = m.WindowStart, Reason = m.Reason, CancelledAt = m.CancelledAt,
        });
    }
}
