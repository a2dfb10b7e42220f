using MassTransit;
using Messaging;
using Planning.Api.Data;
using Planning.Api.Features.Resending;
using Planning.Contracts;

namespace Planning.Api.Consumers;

/// <summary>Answers a service that asked for the reference data again (as it starts): the request joins the
/// next resend (<see cref="CoalescedResend"/>: replicas starting together are answered by one), and is
/// recorded in the inbox only once that resend has committed, so a request is never acknowledged before
/// its answer is on its way, and a redelivered one answers nothing twice.</summary>
public sealed class ReferenceDataRequestedConsumer(PlanningDb db, CoalescedResend resends, TimeProvider clock, ILogger<ReferenceDataRequestedConsumer> logger)
    : IdempotentConsumer<ReferenceDataRequested, PlanningDb>(db, clock, logger)
{
    readonly ILogger _log = logger;

    protected override async Task Handle(ReferenceDataRequested m, ConsumeContext<ReferenceDataRequested> context, CancellationToken cancellationToken)
    {
        await resends.RequestAsync(cancellationToken);
        _log.LogInformation("Reference data requested by {Requester}: answered by a resend", m.Requester);
    }
}
