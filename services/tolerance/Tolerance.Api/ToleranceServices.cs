using Tolerance.Api.Consumers;
using Tolerance.Api.Data;
using Messaging;

namespace Tolerance.Api;

public static class ToleranceServices
{
    public const string ServiceName = "tolerance";

    public static IHostApplicationBuilder AddToleranceServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ToleranceDb>("tolerance");
        builder.AddMessaging<ToleranceDb>(ServiceName, bus =>
        {
            bus.AddConsumer<EnterpriseRegisteredConsumer>();
            bus.AddConsumer<EnterpriseChangedConsumer>();
        });
        builder.Services.AddOpenApi();
        return builder;
    }
}
