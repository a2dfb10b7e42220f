using Filing.Api.Data;
using MassTransit;
using Messaging;
using Planning.Contracts;

namespace Filing.Api.Consumers;

/// <summary>Keeps the registry's enterprises in this service's own read model.</summary>
public sealed class EnterpriseRegisteredConsumer(FilingDb db, TimeProvider clock, ILogger<EnterpriseRegisteredConsumer> logger)
    : IdempotentConsumer<EnterpriseRegistered, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(EnterpriseRegistered message, ConsumeContext<EnterpriseRegistered> context, CancellationToken cancellationToken)
    {
        var view = await Db.Enterprises.FindAsync([message.CreditCode], cancellationToken);
        if (view is null) Db.Enterprises.Add(view = new EnterpriseView { CreditCode = message.CreditCode });
        view.Name = message.Name;
        view.Zone = message.Zone;
        view.Industry = message.Industry;
        view.QuietPeriods = message.QuietPeriods.ToList();
        view.RegisteredAt = message.RegisteredAt;
    }
}
