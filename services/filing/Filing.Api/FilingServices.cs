using System.Threading.RateLimiting;
using Filing.Api.Consumers;
using Filing.Api.Features.Alerts;
using Filing.Api.Features.Calendar;
using Filing.Api.Features.Cancelling;
using Filing.Api.Features.Emergency;
using Filing.Api.Features.Exporting;
using Filing.Api.Features.Figures;
using Filing.Api.Features.Filing;
using Filing.Api.Features.Refusing;
using Filing.Api.Features.Recording;
using Filing.Api.Features.Verifying;
using Filing.Api.Features.Todo;
using Microsoft.AspNetCore.RateLimiting;
using ReadModels;

namespace Filing.Api;

public static class FilingServices
{
    public const string ServiceName = "filing";

    public static IHostApplicationBuilder AddFilingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FilingDb>("filing");
        builder.AddMessaging<FilingDb>(ServiceName, bus =>
        {
            bus.AddEnterpriseViews<FilingDb, EnterpriseWithQuietPeriods>();
            // Planning's reference data published before this service's queues existed is asked for again.
            bus.RequestReferenceDataAtStart(ServiceName);
            bus.AddConsumer<JointInspectionScheduledConsumer>();
            bus.AddConsumer<WorkingCalendarChangedConsumer>();
            bus.AddConsumer<MatterCatalogChangedConsumer>();
            bus.AddConsumer<AgencyChangedConsumer>();
            bus.AddConsumer<JointInspectionCancelledConsumer>();
            bus.AddConsumer<EnterpriseLeftTheParkConsumer>();
        });
        builder.Services.AddApiDocument();
        builder.Services.AddSweep<FilingDb, EmergencyPreFiling>(BackfillSweep.Route, "raised", BackfillSweep.Late, BackfillSweep.Raise);
        builder.Services.AddSettings<FilingOptions>();
        builder.Services.AddTodo();
        // Anonymous verification is limited per address: 60-bit codes and this rate make guessing hopeless.
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A refused caller is told when to come back (the rest of its window), instead of guessing.
            o.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<FilingOptions>>((o, filing) =>
            o.AddPolicy(VerifyOnArrival.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = filing.Value.VerificationsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return builder;
    }

    public static WebApplication MapFilingEndpoints(this WebApplication app)
    {
        app.UseRateLimiter();
        var api = app.MapGroup("/api/filing");
        api.MapAuditTrail();
        api.MapFilingTodo();
        var filings = api.MapGroup("/filings").WithTags("Filings 检查备案");
        filings.MapFilings();
        filings.MapFilingRegister();
        filings.MapParticipation();
        filings.MapFilingPrints();
        filings.MapInspectionRecord();
        filings.MapFilingChanges();
        api.MapGroup("/yearly-cap-alerts").WithTags("Alerts 预警").MapYearlyCapAlerts();
        api.MapGroup("/calendar-gaps").WithTags("Calendar 工作日历").MapCalendarGaps();
        api.MapGroup("/cancellations").WithTags("Cancellations 撤销备案").MapCancellations();
        api.MapGroup("/verify").WithTags("Verification 备案核验").MapVerification();
        api.MapGroup("/emergency").WithTags("Emergencies 紧急备案").MapEmergency().MapEmergencyExport();
        api.MapGroup("/refusals").WithTags("Refusals 拒绝检查").MapRefusals().MapRefusalExport();
        api.MapGroup("/figures").WithTags("Figures 备案指标").MapFigures();
        app.MapSweeps();
        app.MapMessageOperations();
        return app;
    }
}
