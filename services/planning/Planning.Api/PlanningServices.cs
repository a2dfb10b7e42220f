using Planning.Api.Features.Todo;
using Planning.Api.Consumers;
using Planning.Api.Features.BrowsingRegistry;
using Planning.Api.Features.Cancelling;
using Planning.Api.Features.Consolidating;
using Planning.Api.Features.Deadlines;
using Planning.Api.Features.Declaring;
using Planning.Api.Features.Drawing;
using Planning.Api.Features.Ledger;
using Planning.Api.Features.PlanList;
using Planning.Api.Features.Registry;
using Planning.Api.Features.Resending;
using Planning.Api.Features.WorkingCalendar;
using Planning.Api.Features.RegisteringEnterprises;
using Planning.Api.Features.Seeding;
using Planning.Api.Features.Supplementing;

namespace Planning.Api;

public static class PlanningServices
{
    public const string ServiceName = "planning";

    public static IHostApplicationBuilder AddPlanningServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PlanningDb>("planning");
        builder.AddMessaging<PlanningDb>(ServiceName, bus =>
        {
            bus.AddConsumer<InspectionCompletedConsumer>();
            bus.AddConsumer<FilingCancelledConsumer>();
            // A service that starts asks for the reference data published before its queues existed.
            bus.AddConsumer<ReferenceDataRequestedConsumer>();
        });
        builder.Services.AddApiDocument();
        builder.Services.AddSettings<ConsolidationOptions>();
        builder.Services.AddSettings<DrawOptions>();
        builder.Services.AddSingleton<DrawKeys>();
        builder.Services.AddTodo();
        builder.Services.AddSettings<SeedOptions>();
        builder.Services.AddReferenceDataResends();
        builder.Services.AddHostedService<ReferenceData>();
        builder.Services.AddHostedService<DemoPark>();
        return builder;
    }

    public static WebApplication MapPlanningEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/planning");
        api.MapAuditTrail();
        api.MapPlanningTodo();
        var enterprises = api.MapGroup("/enterprises").WithTags("Enterprises 园区企业");
        enterprises.MapRegisterEnterprise();
        enterprises.MapChangeEnterprise();
        enterprises.MapDeregisterEnterprise();
        enterprises.MapBrowseEnterprises();
        enterprises.MapLedger();
        api.MapGroup("/draws").WithTags("Random draws 双随机").MapDraws();
        api.MapGroup("/draws/commitments").WithTags("Random draws 双随机").MapDrawCommitments();
        api.MapGroup("/agencies").WithTags("Agencies 执法单位").MapAgencies();
        api.MapGroup("/matters").WithTags("Matters 涉企检查事项").MapMatters();
        api.MapGroup("/calendar").WithTags("Working calendar 节假日安排").MapWorkingCalendar();
        var declarations = api.MapGroup("/declarations").WithTags("Declarations 计划申报");
        declarations.MapDeclarations();
        declarations.MapDeclarationSheet();
        declarations.MapAmendingAndWithdrawing();
        var consolidations = api.MapGroup("/periods/{period}/consolidations").WithTags("Consolidation 计划清单合并");
        consolidations.MapConsolidations();
        consolidations.MapConsolidationReview();
        consolidations.MapPublishPlan();
        api.MapGroup("/periods/{period}/deadline").WithTags("Declarations 计划申报").MapDeclarationDeadline();
        api.MapGroup("/periods/{period}/cancellations").WithTags("Consolidation 计划清单合并").MapCancellations();
        api.MapGroup("/periods/{period}/supplements").WithTags("Plan list 计划清单").MapSupplements();
        api.MapGroup("/periods/{period}/plan").WithTags("Plan list 计划清单").MapPlanList();
        app.MapMessageOperations();
        return app;
    }
}
