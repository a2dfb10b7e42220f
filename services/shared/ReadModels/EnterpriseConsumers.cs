using MassTransit;
using Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Planning.Contracts;

namespace ReadModels;

/// <summary>Keeps the registry's enterprises in the service's own read model.</summary>
public sealed class EnterpriseRegisteredConsumer(EnterpriseViews views, TimeProvider clock, ILogger<EnterpriseRegisteredConsumer> logger)
    : IdempotentConsumer<EnterpriseRegistered, DbContext>(views.Db, clock, logger)
{
    protected override async Task Handle(EnterpriseRegistered message, ConsumeContext<EnterpriseRegistered> context, CancellationToken cancellationToken) =>
        (await views.FindOrAddAsync(message.CreditCode, cancellationToken)).Apply(message);
}

public sealed class EnterpriseChangedConsumer(EnterpriseViews views, TimeProvider clock, ILogger<EnterpriseChangedConsumer> logger)
    : IdempotentConsumer<EnterpriseChanged, DbContext>(views.Db, clock, logger)
{
    protected override async Task Handle(EnterpriseChanged message, ConsumeContext<EnterpriseChanged> context, CancellationToken cancellationToken) =>
        (await views.FindOrAddAsync(message.CreditCode, cancellationToken)).Apply(message);
}
