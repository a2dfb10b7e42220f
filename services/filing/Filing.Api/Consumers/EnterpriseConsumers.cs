using Filing.Api.Data;
using MassTransit;
using Messaging;
using Planning.Contracts;

namespace Filing.Api.Consumers;

/// <summary>Keeps the registry's enterprises in this service's own read model. Registration is
/// revision 1; a change carries its revision; the highest revision seen wins, so events arriving
/// out of order never bring back older data.</summary>
public sealed class EnterpriseRegisteredConsumer(FilingDb db, TimeProvider clock, ILogger<EnterpriseRegisteredConsumer> logger)
    : IdempotentConsumer<EnterpriseRegistered, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(EnterpriseRegistered message, ConsumeContext<EnterpriseRegistered> context, CancellationToken cancellationToken)
    {
        var view = await EnterpriseViews.FindOrAddAsync(Db, message.CreditCode, cancellationToken);
        view.RegisteredAt = message.RegisteredAt;
        EnterpriseViews.Apply(view, 1, message.Name, message.Zone, message.Industry, message.QuietPeriods);
    }
}

public sealed class EnterpriseChangedConsumer(FilingDb db, TimeProvider clock, ILogger<EnterpriseChangedConsumer> logger)
    : IdempotentConsumer<EnterpriseChanged, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(EnterpriseChanged message, ConsumeContext<EnterpriseChanged> context, CancellationToken cancellationToken)
    {
        var view = await EnterpriseViews.FindOrAddAsync(Db, message.CreditCode, cancellationToken);
        EnterpriseViews.Apply(view, message.Revision, message.Name, message.Zone, message.Industry, message.QuietPeriods);
    }
}

static class EnterpriseViews
{
    public static async Task<EnterpriseView> FindOrAddAsync(FilingDb db, string creditCode, CancellationToken ct)
    {
        var view = await db.Enterprises.FindAsync([creditCode], ct);
        if (view is null) db.Enterprises.Add(view = new EnterpriseView { CreditCode = creditCode });
        return view;
    }

    public static void Apply(EnterpriseView view, int revision, string name, string zone, string industry, IReadOnlyList<QuietPeriod> quietPeriods)
    {
        if (revision <= view.Revision) return;
        view.Revision = revision;
        view.Name = name;
        view.Zone = zone;
        view.Industry = industry;
        view.QuietPeriods = quietPeriods.ToList();
    }
}
