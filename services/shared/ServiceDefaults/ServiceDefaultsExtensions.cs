using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServiceDefaults;

/// <summary>What every process of the platform gets: telemetry, health, problem details,
/// identity, the real client's address behind the proxy, resilient HttpClients and one clock.</summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // First: the connection strings may live in the Dapr secret store.
        builder.AddDaprSecrets();
        builder.AddTelemetry();
        builder.Services.AddDefaultHealthChecks();
        builder.Services.AddDraining();
        builder.Services.AddProblemDetailsEverywhere();
        // Enums travel as their names; a number, an unknown name or a name with spaces around it is a
        // 400 naming the field.
        // A field the API does not know, or a number written as a string, is a 400 too: a client that
        // misspells a field must hear of it rather than have it silently ignored.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new EnumNames());
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.AddIdentityValidation();
        builder.AddRealClientAddress();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Actor>(sp => Actor.From(sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext));
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    /// <summary>Middleware order matters: problem details must wrap everything, and
    /// authentication must run before any endpoint authorizes.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // Before anything reads the client's address.
        app.UseRealClientAddress();
        // The request's span names what was asked, whether or not an exporter adds its own tags: the route
        // template, never the path itself (it carries codes; see SpanRedaction). Routing has run by now.
        app.Use((context, next) =>
        {
            if (System.Diagnostics.Activity.Current is { } span && span.Kind == System.Diagnostics.ActivityKind.Server)
            {
                var route = SpanRedaction.Template((Microsoft.AspNetCore.Http.EndpointHttpContextExtensions.GetEndpoint(context) as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText);
                if (route is not null) span.SetTag("http.route", route);
                span.SetTag("http.request.method", context.Request.Method).SetTag("url.path", route ?? SpanRedaction.Unrouted);
            }
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        return app;
    }
}
