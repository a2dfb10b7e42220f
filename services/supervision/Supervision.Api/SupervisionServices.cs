using Supervision.Api.Consumers;
using Supervision.Api.Data;
using Messaging;

namespace Supervision.Api;

public static class SupervisionServices
{
    public const string ServiceName = "supervision";

    public static IHostApplicationBuilder AddSupervisionServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SupervisionDb>("supervision");
        builder.AddMessaging<SupervisionDb>(ServiceName, bus =>
        {
            bus.AddConsumer<EnterpriseRegisteredConsumer>();
            bus.AddConsumer<EnterpriseChangedConsumer>();
        });
        builder.Services.AddOpenApi();
        return builder;
    }
}
