using MassTransit.Configuration;

namespace Messaging;

/// <summary>Puts a <see cref="ParkingFilter{TMessage}"/> in front of every message type an endpoint
/// consumes. Connected before the endpoint's retry, so it sees only what the retries gave up on, and
/// outside the consumer's scope, so each retry still gets a fresh scope and context.</summary>
sealed class ParkingObserver : ConfigurationObserver, IMessageConfigurationObserver
{
    readonly string _queue;
    readonly IServiceProvider _services;

    public ParkingObserver(IConsumePipeConfigurator endpoint, string queue, IServiceProvider services) : base(endpoint)
    {
        (_queue, _services) = (queue, services);
        Connect(this);
    }

    public void MessageConfigured<TMessage>(IConsumePipeConfigurator configurator) where TMessage : class =>
        configurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TMessage>>(
            ActivatorUtilities.CreateInstance<ParkingFilter<TMessage>>(_services, _queue)));
}

/// <summary>A message whose consume still fails after the immediate retries is parked in the service's
/// database and acknowledged, instead of going to the error queue within the minute: the redelivery sends
/// it again after a back-off. If the database itself is away (the usual reason for the failure), the
/// message is held, unacknowledged, until it can be parked; a stop meanwhile leaves it to the broker.</summary>
sealed class ParkingFilter<TMessage>(string queue, IServiceScopeFactory scopes, ILogger<ParkingFilter<TMessage>> logger)
    : IFilter<ConsumeContext<TMessage>> where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception error) when (!context.CancellationToken.IsCancellationRequested && context.MessageId is not null)
        {
            await ParkAsync(context, context.MessageId.Value, error);
            return;
        }
        if (context.MessageId is { } handled && context.Headers.TryGetHeader(ParkedMessages.RedeliveryHeader, out _))
            await ReleaseAsync(handled, context.CancellationToken);
    }

    async Task ParkAsync(ConsumeContext<TMessage> context, Guid messageId, Exception error)
    {
        var ct = context.CancellationToken;
        for (var wait = 1; ; wait = Math.Min(wait * 2, 30))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var attempts = await scope.ServiceProvider.GetRequiredService<ParkedMessages>().ParkAsync(messageId, queue, typeof(TMessage), context.Message, error, ct);
                var dead = attempts >= scope.ServiceProvider.GetRequiredService<IOptions<ParkingOptions>>().Value.MaxAttempts;
                logger.Log(dead ? LogLevel.Error : LogLevel.Warning, error,
                    dead ? "Message {MessageId} ({MessageType}) failed {Attempts} times in {Queue} and is dead; an operator may replay or discard it"
                         : "Message {MessageId} ({MessageType}) failed in {Queue} and is parked (failure {Attempts}); it is sent again later",
                    messageId, typeof(TMessage).Name, queue, attempts);
                return;
            }
            catch (Exception storing) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(storing, "Message {MessageId} ({MessageType}) failed in {Queue} and cannot be parked yet; holding it and trying again in {Seconds} s",
                    messageId, typeof(TMessage).Name, queue, wait);
                await Task.Delay(TimeSpan.FromSeconds(wait), ct);
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("parking");

    async Task ReleaseAsync(Guid messageId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ParkedMessages>().ReleaseAsync(messageId, queue, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The row stays and sends the message once more; the consumer's inbox makes that a no-op that releases it.
            logger.LogWarning(ex, "Message {MessageId} was handled in {Queue} but its parked row could not be removed yet", messageId, queue);
        }
    }
}
