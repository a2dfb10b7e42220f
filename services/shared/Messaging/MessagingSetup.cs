using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using ServiceDefaults;

namespace Messaging;

public static class MessagingSetup
{
    /// <summary>MassTransit over RabbitMQ (<c>ConnectionStrings:rabbitmq</c>), queues named
    /// <c>{service}-{consumer}</c> in kebab case, a few immediate retries and then parking in
    /// <typeparamref name="TDb"/> (sent again later with back-off), and the outbox relay of <typeparamref name="TDb"/>.</summary>
    public static IHostApplicationBuilder AddMessaging<TDb>(this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
        where TDb : DbContext
    {
        var broker = new Uri(builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured."));

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            consumers?.Invoke(x);
            // Nothing leaves the county: MassTransit would otherwise report its usage to its vendor at start.
            x.DisableUsageTelemetry();
            x.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                // Parking first, so it wraps the retries: a blip is retried at once, a longer failure is
                // parked and sent again minutes later (ParkedRedelivery), not dead-lettered within the minute.
                _ = new ParkingObserver(endpoint, name, context);
                var retries = context.GetRequiredService<IOptions<ParkingOptions>>().Value.ImmediateRetries;
                if (retries > 0) endpoint.UseMessageRetry(r => r.Exponential(retries, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(300)));
            });
            x.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "broker";
                o.Tags.Add(Health.ReadyTag);
                // A service is ready without the broker (its outbox holds events): a broker that is away,
                // or was never reached since the start, shows as Degraded, not as unready.
                o.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded;
            });
            x.UsingRabbitMq((context, cfg) =>
            {
                var user = Uri.UnescapeDataString(broker.UserInfo.Split(':')[0]);
                var password = broker.UserInfo.Contains(':') ? Uri.UnescapeDataString(broker.UserInfo.Split(':', 2)[1]) : "";
                var vhost = broker.AbsolutePath.Trim('/');
                cfg.Host(broker.Host, (ushort)(broker.IsDefaultPort || broker.Port < 0 ? 5672 : broker.Port), string.IsNullOrEmpty(vhost) ? "/" : vhost, h =>
                {
                    if (!string.IsNullOrEmpty(user)) h.Username(user);
                    if (!string.IsNullOrEmpty(password)) h.Password(password);
                    h.PublisherConfirmation = true;
                });
                cfg.PrefetchCount = context.GetRequiredService<IOptions<MessagingOptions>>().Value.PrefetchCount;
                // Enums travel by their names, read exactly (as in the API and the outbox).
                cfg.ConfigureJsonSerializerOptions(o =>
                {
                    o.Converters.Insert(0, new EnumNames());
                    return o;
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            // The bus starts in the background and keeps trying to reach the broker for as long as it takes:
            // the service starts and serves while the broker is away (its outbox holds the events) and
            // connects when the broker comes. No start timeout: a timed-out start stops the bus for good.
            o.WaitUntilStarted = false;
            o.StartTimeout = null;
            o.StopTimeout = TimeSpan.FromSeconds(30);
            // A consume still running (a message waiting between retries) gets 5 s, then is cancelled and
            // left to the broker, which delivers it again after the restart (consumers are idempotent):
            // a stop well within a pod's 30 s grace period.
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(5);
        });

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxWrites>();
        builder.Services.AddSingleton<IInterceptor, OutboxSaveChangesInterceptor>();
        builder.Services.AddSingleton<IInterceptor, OutboxTransactionInterceptor>();
        builder.Services.AddSettings<MessagingOptions>();
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Messaging:Outbox")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "Messaging:Outbox:BatchSize must be 1 to 10000.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.PublishTimeout > TimeSpan.Zero && o.MaxBackoff > TimeSpan.Zero && o.Retention > TimeSpan.Zero,
                "Messaging:Outbox:PollInterval, PublishTimeout, MaxBackoff and Retention must be positive.")
            .Validate(o => o.MaxAttempts >= 1, "Messaging:Outbox:MaxAttempts must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddHostedService<OutboxRelay<TDb>>();
        builder.Services.AddOptions<InboxOptions>().BindConfiguration("Messaging:Inbox")
            .Validate(o => o.Retention >= TimeSpan.FromDays(1), "Messaging:Inbox:Retention must be at least a day: it must outlast every redelivery.")
            .Validate(o => o.PruneEvery > TimeSpan.Zero, "Messaging:Inbox:PruneEvery must be positive.")
            .ValidateOnStart();
        builder.Services.AddHostedService<InboxPruning<TDb>>();
        builder.Services.AddOptions<ParkingOptions>().BindConfiguration("Messaging:Parking")
            .Validate(o => o.ImmediateRetries is >= 0 and <= 10, "Messaging:Parking:ImmediateRetries must be 0 to 10.")
            .Validate(o => o.FirstDelay > TimeSpan.Zero && o.MaxDelay >= o.FirstDelay, "Messaging:Parking:FirstDelay must be positive and MaxDelay at least FirstDelay.")
            .Validate(o => o.MaxAttempts >= 1, "Messaging:Parking:MaxAttempts must be at least 1.")
            .Validate(o => o.SweepEvery > TimeSpan.Zero && o.BatchSize is >= 1 and <= 10_000, "Messaging:Parking:SweepEvery must be positive and BatchSize 1 to 10000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ParkingSignal>();
        builder.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<ParkedMessages>(sp, sp.GetRequiredService<TDb>()));
        builder.Services.AddHostedService<ParkedRedelivery<TDb>>();
        return builder;
    }
}
