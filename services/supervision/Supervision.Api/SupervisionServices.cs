using Filing.Contracts;
using ReadModels;
using Supervision.Api.Consumers;
using Supervision.Api.Features.Cards;
using Supervision.Api.Features.Cases;
using Supervision.Api.Features.Evaluations;
using Supervision.Api.Features.Indicators;
using Supervision.Api.Features.Rankings;
using Supervision.Api.Features.Reports;
using Supervision.Api.Features.Retaliation;
using Supervision.Api.Features.Todo;

namespace Supervision.Api;

public static class SupervisionServices
{
    public const string ServiceName = "supervision";

    public static IHostApplicationBuilder AddSupervisionServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SupervisionDb>("supervision");
        builder.AddMessaging<SupervisionDb>(ServiceName, bus =>
        {
            bus.AddEnterpriseViews<SupervisionDb, ParkEnterprise>();
            // Planning's reference data published before this service's queues existed is asked for again.
            bus.RequestReferenceDataAtStart(ServiceName);
            bus.AddConsumer<MatterCatalogChangedConsumer>();
            bus.AddConsumer<PlanPublishedConsumer>();
            bus.AddConsumer<EnterpriseLeftTheParkConsumer>();
            bus.AddGroupCommitConsumer<InspectionFiledConsumer, InspectionFiledApplier, InspectionFiled>();
            bus.AddConsumer<InspectionCompletedConsumer>();
            bus.AddConsumer<FilingCancelledConsumer>();
            bus.AddConsumer<EmergencyPreFiledConsumer>();
            bus.AddConsumer<EmergencyBackfilledConsumer>();
            bus.AddConsumer<EmergencyWithdrawnConsumer>();
            bus.AddConsumer<BackfillOverdueConsumer>();
            bus.AddConsumer<UnfiledInspectionReportedConsumer>();
            bus.AddConsumer<ToleranceDecisionIssuedConsumer>();
            bus.AddConsumer<ToleranceDecisionRevokedConsumer>();
            bus.AddConsumer<ToleranceDecisionSupersededConsumer>();
        });
        builder.Services.AddApiDocument();
        builder.Services.AddSettings<SupervisionOptions>();
        builder.Services.AddTodo();
        builder.Services.AddScoped<RetaliationWatch>();
        builder.Services.AddSweep<SupervisionDb, SupervisionCase>(OverdueSweep.Route, "flagged", OverdueSweep.Lapsed, OverdueSweep.FlagAsync);
        builder.Services.AddHostedService<IndicatorMetrics>();
        return builder;
    }

    public static WebApplication MapSupervisionEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/supervision");
        api.MapAuditTrail();
        api.MapSupervisionTodo();
        api.MapGroup("/cards").WithTags("Supervision cards 监督卡").MapCards();
        var cases = api.MapGroup("/cases").WithTags("Cases 一事一账");
        cases.MapCaseViews();
        cases.MapCaseLedger();
        cases.MapCaseFile();
        cases.MapCaseSteps();
        api.MapGroup("/retaliation-flags").WithTags("Retaliation watch 打击报复预警").MapRetaliationFlags();
        api.MapGroup("/evaluations").WithTags("Evaluations 执法质效你来评").MapEvaluations();
        api.MapGroup("/rankings").WithTags("Rankings 评议排名").MapRankings().MapRankingExport();
        api.MapGroup("/indicators").WithTags("Reform indicators 改革成效").MapIndicators();
        api.MapGroup("/report").WithTags("Reform report 改革工作报告").MapReformReport();
        app.MapSweeps();
        app.MapMessageOperations();
        return app;
    }
}
