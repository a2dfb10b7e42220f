using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Text.Json;

namespace ServiceDefaults;

public static class Health
{
    /// <summary>Checks tagged with this decide readiness: the service's own database and broker.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDefaultHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return services;
    }

    /// <summary>Mapped in every environment: Kubernetes probes production, not only development.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = WriteReport,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReport,
        }).AllowAnonymous();
        return app;
    }

    /// <summary>Anonymous callers (probes, the ingress, anyone on the network) see each check's status
    /// only: a check's description or exception names hosts, ports, users and driver errors. The office,
    /// who operates the platform, also sees why.</summary>
    static Task WriteReport(HttpContext context, HealthReport report)
    {
        var operatorAsks = context.User.IsInRole(Roles.Office);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => operatorAsks
                    ? new CheckReport(e.Value.Status.ToString(), e.Value.Description ?? e.Value.Exception?.Message)
                    : new CheckReport(e.Value.Status.ToString(), null)),
        }, ReportJson));
    }

    sealed record CheckReport(string Status, string? Description);

    static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
