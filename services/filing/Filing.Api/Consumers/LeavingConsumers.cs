using Filing.Api.Features.Cancelling;
using MassTransit;
using Planning.Contracts;
using ReadModels;

namespace Filing.Api.Consumers;

/// <summary>A visit of the plan will not take place: it is no longer filed, and its filing, if the
/// inspection has not started, is cancelled as its agency would cancel it.</summary>
public sealed class JointInspectionCancelledConsumer(FilingDb db, TimeProvider clock, ILogger<JointInspectionCancelledConsumer> logger)
    : IdempotentConsumer<JointInspectionCancelled, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(JointInspectionCancelled m, ConsumeContext<JointInspectionCancelled> context, CancellationToken cancellationToken)
    {
        ServiceDefaults.Telemetry.TagInspection(m.JointId);
        // Filings of the enterprise wait on this lock, so none slips in beside the cancellation unseen.
        await Db.LockRowAsync((EnterpriseWithQuietPeriods e) => e.CreditCode, m.CreditCode, cancellationToken);
        var visit = await Db.Visits.FindOrAddAsync(m.JointId, () => new ScheduledVisit
        {
            JointId = m.JointId, Period = m.Period, CreditCode = m.CreditCode, EnterpriseName = "", Day = m.Day, LeadAgency = "",
        }, cancellationToken);
        visit.CancelledAt ??= m.CancelledAt;
        visit.CancellationReason ??= m.Reason;
        foreach (var filing in await Db.Filings.Where(f => f.JointId == m.JointId).ToListAsync(cancellationToken))
            if (CancelOrReschedule.NotStarted(filing.Status))
                CancelOrReschedule.Revoke(Db, filing, m.Reason, PlanningCancelled, Clock);
    }

    /// <summary>Who cancelled a filing that planning's news cancelled.</summary>
    internal const string PlanningCancelled = "planning";
}

/// <summary>An enterprise left the park: nothing is filed for it from the day it left, and its filings
/// of inspections from that day on that have not started are cancelled; earlier ones stay.</summary>
public sealed class EnterpriseLeftTheParkConsumer(FilingDb db, TimeProvider clock, ILogger<EnterpriseLeftTheParkConsumer> logger)
    : IdempotentConsumer<EnterpriseLeftThePark, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(EnterpriseLeftThePark m, ConsumeContext<EnterpriseLeftThePark> context, CancellationToken cancellationToken)
    {
        await Db.LockRowAsync((EnterpriseWithQuietPeriods e) => e.CreditCode, m.CreditCode, cancellationToken);
        var enterprise = await Db.Enterprises.FindOrAddAsync(m.CreditCode, () => new EnterpriseWithQuietPeriods { CreditCode = m.CreditCode, Name = m.Name }, cancellationToken);
        // Leaving is final in the registry: the first news of it is kept, a redelivered copy changes nothing.
        enterprise.LeftOn ??= m.LeftOn;
        enterprise.LeftReason ??= m.Reason;
        var from = ServiceDefaults.ChinaTime.StartOfDay(enterprise.LeftOn.Value);
        foreach (var filing in await Db.Filings.Where(f => f.CreditCode == m.CreditCode && f.WindowStart >= from).ToListAsync(cancellationToken))
            if (CancelOrReschedule.NotStarted(filing.Status))
                CancelOrReschedule.Revoke(Db, filing, $"企业迁出园区:{enterprise.LeftReason}", JointInspectionCancelledConsumer.PlanningCancelled, Clock);
    }
}
