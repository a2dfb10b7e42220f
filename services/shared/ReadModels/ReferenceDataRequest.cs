using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Planning.Contracts;

namespace ReadModels;

/// <summary>Asks planning, once per start, to publish its reference data again (<see cref="ReferenceDataRequested"/>),
/// so that what it published before this service's queues existed still reaches them: a first deploy in
/// which planning started first, a consumer added in a later release. Asked only once the bus reports
/// every receive endpoint ready, so the queues are bound before the answer is published. Published
/// mandatory, straight to the broker rather than through the outbox: a request that no queue takes
/// (planning has never run on this broker) is returned and asked again after a back-off, so it is not
/// lost either; once planning's queue holds it, planning answers whenever it runs. The answer carries
/// revisions and every consumer keeps the newest, so asking on every start changes nothing that is
/// already right.</summary>
sealed class ReferenceDataRequest(IBusControl bus, TimeProvider clock, string requester, ILogger<ReferenceDataRequest> logger) : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            // The receive endpoints are ready once their queues and bindings are declared (real time, not
            // the service's clock: a test's clock that stands still must not stop the request).
            if (bus.CheckHealth().Status != BusHealthStatus.Healthy)
            {
                await Task.Delay(Poll, stoppingToken);
                continue;
            }
            try
            {
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                patience.CancelAfter(Patience);
                await bus.Publish(new ReferenceDataRequested(requester, clock.GetUtcNow()), context => context.Mandatory = true, patience.Token);
                logger.LogInformation("Asked planning to publish its reference data again for {Requester}", requester);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (MessageReturnedException)
            {
                logger.LogInformation("No queue takes reference data requests yet (planning has not run on this broker); asking again in {Backoff}", backoff);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Asking planning for its reference data failed; asking again in {Backoff}", backoff);
            }
            await Task.Delay(backoff, stoppingToken);
            backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
        }
    }
}

public static class ReferenceDataRequests
{
    /// <summary>Makes <paramref name="requester"/> (the service's name) ask planning for its reference data
    /// each time it starts: every service that keeps a read model of planning's events does.</summary>
    public static IBusRegistrationConfigurator RequestReferenceDataAtStart(this IBusRegistrationConfigurator bus, string requester)
    {
        bus.AddHostedService(services => ActivatorUtilities.CreateInstance<ReferenceDataRequest>(services, requester));
        return bus;
    }
}
