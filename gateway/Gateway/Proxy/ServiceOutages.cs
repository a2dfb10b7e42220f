using System.Globalization;
using System.Net.Http;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>What the caller hears when a service cannot answer, in place of YARP's empty statuses:
/// <list type="bullet">
/// <item>the service is down (taken out by its probes, or refusing or not accepting the connection):
/// 503 problem details with <c>Retry-After</c>, at once; nothing reached the service, so the request
/// may be sent again as it is;</item>
/// <item>the service took longer than the route's timeout: 504 problem details. YARP reports the
/// route's own timeout as if the caller had gone away (400); a caller who is still there was not the
/// one who gave up.</item>
/// </list>
/// Other failures (a service that dies while answering) keep YARP's 502, worded by the status pages.</summary>
public static class ServiceOutages
{
    public static IApplicationBuilder UseServiceOutageAnswers(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next();
        if (context.Response.HasStarted || context.Features.Get<IForwarderErrorFeature>() is not { } failure) return;
        var service = context.Features.Get<IReverseProxyFeature>()?.Route.Config.ClusterId ?? "requested";
        if (IsDown(failure))
        {
            var seconds = context.RequestServices.GetRequiredService<IOptions<ApiProxyOptions>>().Value.ProbeIntervalSeconds;
            context.Response.Clear();
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(title: $"The {service} service is not available at the moment.", detail: $"Try again in {seconds} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
        }
        else if (failure.Error is ForwarderError.RequestCanceled && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Clear();
            await Results.Problem(title: $"The {service} service did not answer in time.", statusCode: StatusCodes.Status504GatewayTimeout).ExecuteAsync(context);
        }
    });

    /// <summary>Nothing was sent: no destination was available, or none accepted the connection.</summary>
    static bool IsDown(IForwarderErrorFeature failure) => failure.Error switch
    {
        ForwarderError.NoAvailableDestinations => true,
        ForwarderError.Request => Chain(failure.Exception).OfType<HttpRequestException>()
            .Any(e => e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError),
        _ => false,
    };

    static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}
