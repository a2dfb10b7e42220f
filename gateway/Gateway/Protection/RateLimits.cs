using System.Globalization;
using System.Threading.RateLimiting;
using ServiceDefaults;

namespace Gateway.Protection;

/// <summary>Limits per caller: a signed-in client by its client and subject, an anonymous caller by its
/// address; the anonymous filing verification at the gate and the token endpoint (password guessing)
/// have their own, tighter budgets. Over the limit: 429 with problem details and Retry-After.</summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var c = builder.Configuration.GetSection("RateLimits");
        int perClient = c.GetValue("PerClientPerMinute", 1200), anonymous = c.GetValue("AnonymousPerMinute", 300),
            verify = c.GetValue("VerificationsPerMinute", 60), token = c.GetValue("TokenRequestsPerMinute", 30);
        // The budgets are per minute; a shorter window (tests) scales them down with it.
        var window = c.GetValue("Window", TimeSpan.FromMinutes(1));
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path;
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (path.StartsWithSegments("/health") || path.StartsWithSegments("/console") || path.StartsWithSegments("/openapi"))
                    return RateLimitPartition.GetNoLimiter("unlimited");
                if (path.StartsWithSegments("/connect/token")) return Window($"token:{address}", token, window);
                if (path.StartsWithSegments("/api/filing/verify")) return Window($"verify:{address}", verify, window);
                if (context.User.Identity?.IsAuthenticated == true)
                    return Window($"client:{context.User.FindFirst(ClaimNames.ClientId)?.Value}:{context.User.FindFirst(ClaimNames.Subject)?.Value}", perClient, window);
                return Window($"anonymous:{address}", anonymous, window);
            });
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(title: "Too many requests.", detail: $"请求过于频繁，请 {seconds} 秒后再试 (try again in {seconds} s).",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    static RateLimitPartition<string> Window(string key, int perMinute, TimeSpan window) => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, (int)(perMinute * window.TotalMinutes)), Window = window, QueueLimit = 0,
    });
}
