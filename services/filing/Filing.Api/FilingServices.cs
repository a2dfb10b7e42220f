using Filing.Api.Consumers;
using Filing.Api.Data;
using Messaging;

namespace Filing.Api;

public static class FilingServices
{
    public const string ServiceName = "filing";

    public static IHostApplicationBuilder AddFilingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FilingDb>("filing");
        builder.AddMessaging<FilingDb>(ServiceName, bus =>
        {
            bus.AddConsumer<EnterpriseRegisteredConsumer>();
            bus.AddConsumer<EnterpriseChangedConsumer>();
        });
        builder.Services.AddOpenApi();
        return builder;
    }
}
