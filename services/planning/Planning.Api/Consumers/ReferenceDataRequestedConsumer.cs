using MassTransit;
using Messaging;
using Planning.Api.Data;
using Planning.Api.Features.Resending;
using Planning.Contracts;

namespace Planning.Api.Consumers;

/// <summary>Answers a service that asked for the reference data again (as it starts) by publishing all of
/// it through the outbox, in one transaction with the inbox row, so a redelivered request answers nothing
/// twice.</summary>
public sealed class ReferenceDataRequestedConsumer(PlanningDb db, TimeProvider clock, ILogger<ReferenceDataRequestedConsumer> logger)
    : IdempotentConsumer<ReferenceDataRequested, PlanningDb>(db, clock, logger)
{
    readonly ILogger _log = logger;

    protected override async Task Handle(ReferenceDataRequested m, ConsumeContext<ReferenceDataRequested> context, CancellationToken cancellationToken)
    {
        var staged = await ResendReferenceData.StageAsync(Db, Clock, cancellationToken);
        _log.LogInformation("Reference data requested by {Requester}: {Events} events staged for publishing again", m.Requester, staged);
    }
}
