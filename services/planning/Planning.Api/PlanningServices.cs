using Messaging;
using Planning.Api.Data;
using Planning.Api.Features.BrowsingRegistry;
using Planning.Api.Features.RegisteringEnterprises;
using Planning.Api.Features.SeedingDemoPark;

namespace Planning.Api;

public static class PlanningServices
{
    public const string ServiceName = "planning";

    public static IHostApplicationBuilder AddPlanningServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PlanningDb>("planning");
        builder.AddMessaging<PlanningDb>(ServiceName);
        builder.Services.AddOpenApi();
        if (builder.Configuration.GetValue<bool>("Seed:DemoPark"))
            builder.Services.AddHostedService<DemoPark>();
        return builder;
    }

    public static WebApplication MapPlanningEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/planning");
        var enterprises = api.MapGroup("/enterprises").WithTags("Enterprises 园区企业");
        enterprises.MapRegisterEnterprise();
        enterprises.MapBrowseEnterprises();
        return app;
    }
}
