using Supervision.Api.Data;
using MassTransit;
using Messaging;
using Planning.Contracts;

namespace Supervision.Api.Consumers;

/// <summary>Keeps the registry's enterprises in this service's own read model. Registration is
/// revision 1; a change carries its revision; the highest revision seen wins, so events arriving
/// out of order never bring back older data.</summary>
public sealed class EnterpriseRegisteredConsumer(SupervisionDb db, TimeProvider clock, ILogger<EnterpriseRegisteredConsumer> logger)
    : IdempotentConsumer<EnterpriseRegistered, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(EnterpriseRegistered message, ConsumeContext<EnterpriseRegistered> context, CancellationToken cancellationToken)
    {
        var view = await EnterpriseViews.FindOrAddAsync(Db, message.CreditCode, cancellationToken);
        view.RegisteredAt = message.RegisteredAt;
        EnterpriseViews.Apply(view, 1, message.Name, message.Zone, message.Industry);
    }
}

public sealed class EnterpriseChangedConsumer(SupervisionDb db, TimeProvider clock, ILogger<EnterpriseChangedConsumer> logger)
    : IdempotentConsumer<EnterpriseChanged, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(EnterpriseChanged message, ConsumeContext<EnterpriseChanged> context, CancellationToken cancellationToken)
    {
        var view = await EnterpriseViews.FindOrAddAsync(Db, message.CreditCode, cancellationToken);
        EnterpriseViews.Apply(view, message.Revision, message.Name, message.Zone, message.Industry);
    }
}

static class EnterpriseViews
{
    public static async Task<EnterpriseView> FindOrAddAsync(SupervisionDb db, string creditCode, CancellationToken ct)
    {
        var view = await db.Enterprises.FindAsync([creditCode], ct);
        if (view is null) db.Enterprises.Add(view = new EnterpriseView { CreditCode = creditCode });
        return view;
    }

    public static void Apply(EnterpriseView view, int revision, string name, string zone, string industry)
    {
        if (revision <= view.Revision) return;
        view.Revision = revision;
        view.Name = name;
        view.Zone = zone;
        view.Industry = industry;
    }
}
