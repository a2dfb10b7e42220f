using MassTransit;
using Messaging;
using Planning.Contracts;
using Supervision.Api.Data;

namespace Supervision.Api.Consumers;

/// <summary>The published plan's figures, for the reform indicators; a later publication of the same
/// period replaces an earlier one.</summary>
public sealed class PlanPublishedConsumer(SupervisionDb db, TimeProvider clock, ILogger<PlanPublishedConsumer> logger)
    : IdempotentConsumer<PlanPublished, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(PlanPublished m, ConsumeContext<PlanPublished> context, CancellationToken ct)
    {
        var plan = await Db.Plans.FindAsync([m.Period], ct);
        if (plan is null) Db.Plans.Add(plan = new PlanView { Period = m.Period });
        else if (plan.PublishedAt >= m.PublishedAt) return;
        plan.DeclaredVisits = m.DeclaredVisits;
        plan.Visits = m.Visits;
        plan.JointVisits = m.JointVisits;
        plan.SoloVisits = m.SoloVisits;
        plan.ReductionRate = m.ReductionRate;
        plan.MergeableShareOfMatters = m.MergeableShareOfMatters;
        plan.PublishedAt = m.PublishedAt;
    }
}

/// <summary>The agencies that exist are those the matter catalog names; cards may name only these.</summary>
public sealed class MatterCatalogChangedConsumer(SupervisionDb db, TimeProvider clock, ILogger<MatterCatalogChangedConsumer> logger)
    : IdempotentConsumer<MatterCatalogChanged, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(MatterCatalogChanged m, ConsumeContext<MatterCatalogChanged> context, CancellationToken ct)
    {
        if (await Db.Agencies.FindAsync([m.AgencyCode], ct) is null) Db.Agencies.Add(new KnownAgency { Code = m.AgencyCode });
    }
}
