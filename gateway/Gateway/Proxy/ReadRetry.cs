using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>A read (GET, HEAD) whose destination failed before answering is sent once more, to another
/// destination of its cluster: a replica that stops or dies between the probes that would take it out
/// costs the caller a few milliseconds, not a 502 or 503. Only when nothing of the answer has gone to
/// the caller yet, and only for reads, which change nothing however often they are sent; a request
/// that changes something is answered as it failed (<see cref="ServiceOutages"/>), since it may have
/// been done. With a single destination (a Kubernetes Service, whose pods drain instead) there is
/// nowhere else to send it, and it is not sent again.</summary>
public static class ReadRetry
{
    /// <summary>First in the proxy pipeline: load balancing, after it, picks among what is left.</summary>
    public static IReverseProxyApplicationBuilder UseReadRetry(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            var proxying = context.GetReverseProxyFeature();
            var candidates = proxying.AvailableDestinations;
            await next();
            if (!IsRead(context.Request) || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested) return;
            if (context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request or ForwarderError.ResponseHeaders }) return;
            var failed = proxying.ProxiedDestination;
            var others = candidates.Where(d => d != failed).ToList();
            if (failed is null || others.Count == 0) return;

            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            proxying.ProxiedDestination = null;
            proxying.AvailableDestinations = others;
            await next();
        });
        return proxy;
    }

    static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
}
