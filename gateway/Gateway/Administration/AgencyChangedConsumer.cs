using MassTransit;
using Messaging;
using Planning.Contracts;
using ReadModels;

namespace Gateway.Administration;

/// <summary>Keeps planning's agencies in the gateway's own read model, as the enterprises are kept: an
/// agency the office adds in planning can have its staff and its system here with no change to the
/// gateway. A higher revision replaces a lower one, whatever order they arrive in.</summary>
public sealed class AgencyChangedConsumer(GatewayDb db, TimeProvider clock, ILogger<AgencyChangedConsumer> logger)
    : IdempotentConsumer<AgencyChanged, GatewayDb>(db, clock, logger)
{
    protected override Task Handle(AgencyChanged m, ConsumeContext<AgencyChanged> context, CancellationToken cancellationToken) =>
        Db.Agencies.KeepAsync(m.AgencyCode, new AgencyView { Code = m.AgencyCode, Name = m.Name, Revision = m.Revision },
            held => held.Revision < m.Revision, cancellationToken);
}
