using ReadModels;
using Tolerance.Api.Consumers;
using Tolerance.Api.Features.Deciding;
using Tolerance.Api.Features.Listing;
using Tolerance.Api.Features.Seeding;
using Tolerance.Api.Features.Todo;

namespace Tolerance.Api;

public static class ToleranceServices
{
    public const string ServiceName = "tolerance";

    public static IHostApplicationBuilder AddToleranceServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ToleranceDb>("tolerance");
        builder.AddMessaging<ToleranceDb>(ServiceName, bus =>
        {
            bus.AddEnterpriseViews<ToleranceDb, EnterpriseView>();
            // Planning's reference data published before this service's queues existed is asked for again.
            bus.RequestReferenceDataAtStart(ServiceName);
            bus.AddConsumer<InspectionCompletedConsumer>();
            bus.AddConsumer<WorkingCalendarChangedConsumer>();
        });
        builder.Services.AddApiDocument();
        builder.Services.AddTodo();
        builder.Services.AddSweep<ToleranceDb, ToleranceDecision>(RevocationSweep.Route, "revoked", RevocationSweep.Lapsed, RevocationSweep.Revoke);
        builder.Services.AddSettings<SeedOptions>();
        builder.Services.AddSettings<ToleranceOptions>();
        builder.Services.AddHostedService<DemoList>();
        return builder;
    }

    public static WebApplication MapToleranceEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/tolerance");
        api.MapAuditTrail();
        api.MapToleranceTodo();
        var items = api.MapGroup("/items").WithTags("Tolerance list 容错清单");
        items.MapToleranceItems();
        items.MapToleranceSheet();
        var decisions = api.MapGroup("/decisions").WithTags("Decisions 容错决定");
        decisions.MapDecisions();
        decisions.MapDecisionProcedure();
        decisions.MapFindingCorrections();
        decisions.MapDecisionFigures();
        api.MapGroup("/evaluations").WithTags("Evaluations 容错预评估").MapEvaluations();
        app.MapSweeps();
        app.MapMessageOperations();
        return app;
    }
}
