using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>YARP from configuration (<c>ReverseProxy</c>): <c>/api/{service}/**</c> to the four
/// services, each service's OpenAPI document at <c>/openapi/{service}.json</c>; forwarded headers and
/// the trace context go along; every route has a timeout and a body size limit; a service that is down
/// is answered for (<see cref="ServiceOutages"/>) without holding the caller.</summary>
public static class Proxying
{
    public static IHostApplicationBuilder AddProxying(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection(BackendOptions.Section)).AddConfigFilter<ServiceProbes>()
            .AddTransforms(t => t.AddResponseTransform(RetryAfterOnEvery429));
        builder.Services.AddSingleton<IForwarderHttpClientFactory, ServiceConnections>();
        builder.Services.AddSettings<BackendOptions>();
        builder.Services.AddSettings<ApiProxyOptions>();
        builder.Services.AddRequestTimeouts();
        builder.Services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ApiProxyOptions>>((o, proxy) =>
            o.AddPolicy("api", TimeSpan.FromSeconds(proxy.Value.TimeoutSeconds)));
        // xlsx forms are the largest legitimate bodies; anything beyond is refused before it is read.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiProxyOptions>>((o, proxy) =>
            o.Limits.MaxRequestBodySize = proxy.Value.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>Every 429 that leaves the gateway says when to come back: a service's refusal that does
    /// not is given a minute, the unit every budget of the platform is counted in.</summary>
    static ValueTask RetryAfterOnEvery429(ResponseTransformContext context)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode == StatusCodes.Status429TooManyRequests && !response.Headers.ContainsKey(HeaderNames.RetryAfter))
            response.Headers.RetryAfter = "60";
        return ValueTask.CompletedTask;
    }

    /// <summary>The API's own short pipeline, branched off before anything the console and the token
    /// server need: the body limit, the caller's token, the rate limit, the route's timeout, YARP.</summary>
    public static void UseApiProxy(this IApplicationBuilder app) => app.MapWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
    {
        api.UseExceptionHandler();
        api.UseStatusCodePages();
        api.UseBodyLimitAnswer();
        api.UseBearerToken();
        api.UseRateLimiter();
        api.UseServiceOutageAnswers();
        api.UseRouting();
        api.UseRequestTimeouts();
        // YARP's own pipeline, with a second chance for reads (ReadRetry) and passive health checks, which
        // take a destination out as soon as its connections fail rather than at its next probes.
        api.UseEndpoints(e =>
        {
            // The one API answer of the gateway's own: every service's part of the caller's to-do list.
            e.MapTodoList();
            e.MapReverseProxy(proxy =>
            {
                proxy.UseReadRetry();
                proxy.UseSessionAffinity();
                proxy.UseLoadBalancing();
                proxy.UsePassiveHealthChecks();
            });
        });
    });

    /// <summary>The gateway authenticates: a request that carries a token the gateway cannot validate
    /// (expired, tampered, another audience) is answered 401 here and never reaches a service. A request
    /// without a token goes on: the services decide what is public.</summary>
    static IApplicationBuilder UseBearerToken(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await Results.Problem(title: "The token is not valid.", detail: "It is expired, altered, or not for this platform. Sign in again.",
                    statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }
            context.User = result.Principal!;
        }
        await next();
    });

    /// <summary>A body over the limit is refused with 413 and problem details rather than a reset connection.</summary>
    static IApplicationBuilder UseBodyLimitAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (limit is { } max && context.Request.ContentLength > max)
        {
            await Results.Problem(title: "The request is too large.", detail: $"At most {max / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
            return;
        }
        await next();
    });
}
