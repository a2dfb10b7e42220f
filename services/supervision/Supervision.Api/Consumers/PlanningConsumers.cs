using MassTransit;
using Planning.Contracts;
using ReadModels;

namespace Supervision.Api.Consumers;

/// <summary>The published plan's figures, for the reform indicators; a later publication of the same
/// period replaces an earlier one.</summary>
public sealed class PlanPublishedConsumer(SupervisionDb db, TimeProvider clock, ILogger<PlanPublishedConsumer> logger)
    : IdempotentConsumer<PlanPublished, SupervisionDb>(db, clock, logger)
{
    protected override Task Handle(PlanPublished m, ConsumeContext<PlanPublished> context, CancellationToken ct) =>
        Db.Plans.KeepAsync(m.Period, new PlanView
        {
            Period = m.Period, DeclaredVisits = m.DeclaredVisits, Visits = m.Visits, JointVisits = m.JointVisits, SoloVisits = m.SoloVisits,
            ReductionRate = m.ReductionRate, ReductionByCancelling = m.ReductionByCancelling ?? 0, MergeableShareOfMatters = m.MergeableShareOfMatters, PublishedAt = m.PublishedAt,
        }, held => held.PublishedAt < m.PublishedAt, ct);
}

/// <summary>The agencies that exist are those the matter catalog names; cards may name only these.</summary>
public sealed class MatterCatalogChangedConsumer(SupervisionDb db, TimeProvider clock, ILogger<MatterCatalogChangedConsumer> logger)
    : IdempotentConsumer<MatterCatalogChanged, SupervisionDb>(db, clock, logger)
{
    protected override Task Handle(MatterCatalogChanged m, ConsumeContext<MatterCatalogChanged> context, CancellationToken ct) =>
        Db.Agencies.FindOrAddAsync(m.AgencyCode, () => new KnownAgency { Code = m.AgencyCode }, ct);
}

/// <summary>An enterprise left the park: the copy records the day, its cards and cases stay as they are
/// (open cases run their course), and no card about what happens from that day is taken.</summary>
public sealed class EnterpriseLeftTheParkConsumer(SupervisionDb db, TimeProvider clock, ILogger<EnterpriseLeftTheParkConsumer> logger)
    : IdempotentConsumer<EnterpriseLeftThePark, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(EnterpriseLeftThePark m, ConsumeContext<EnterpriseLeftThePark> context, CancellationToken ct)
    {
        var enterprise = await Db.Enterprises.FindOrAddAsync(m.CreditCode, () => new ParkEnterprise { CreditCode = m.CreditCode, Name = m.Name }, ct);
        // Leaving is final in the registry: the first news of it is kept. The revision is left to the
        // registry's full changes, so an earlier change arriving late still applies.
        enterprise.LeftOn ??= m.LeftOn;
        enterprise.LeftReason ??= m.Reason;
    }
}
