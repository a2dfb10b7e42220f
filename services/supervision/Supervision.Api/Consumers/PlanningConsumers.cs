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
