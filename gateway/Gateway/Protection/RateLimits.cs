using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.Protection;

/// <summary>Limits per caller: a signed-in client by its client and subject, an anonymous caller by its
/// address (the client's, behind the ingress); the anonymous filing verification at the gate and the
/// token endpoint (secret guessing, per client and address) and the sign-in page (password guessing, per address) have their own, tighter budgets.
/// Over the limit: 429 with Retry-After, and problem details (the sign-in page, which a person reads, says it in a page of its own).</summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<RateLimitOptions>();
        builder.Services.AddRateLimiter();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, options) =>
        {
            var limits = options.Value;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path;
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (path.StartsWithSegments("/health") || path.StartsWithSegments("/console") || path.StartsWithSegments("/openapi"))
                    return RateLimitPartition.GetNoLimiter("unlimited");
                // Passwords are guessed at the sign-in page: its own budget, by address.
                if (IsSignIn(context)) return Window($"sign-in:{address}", limits.SignInsPerMinute, limits.Window);
                if (path.StartsWithSegments("/connect/token")) return Window($"token:{TokenGuessing.ClientOf(context)}:{address}", limits.TokenRequestsPerMinute, limits.Window);
                if (path.StartsWithSegments("/api/filing/verify")) return Window($"verify:{address}", limits.VerificationsPerMinute, limits.Window);
                // One-time codes are guessed like passwords: the token endpoint's budget, by address.
                if (path.StartsWithSegments("/setup") || path.StartsWithSegments("/account")) return Window($"codes:{address}", limits.TokenRequestsPerMinute, limits.Window);
                // Checked before the caller's token is read: administrators by address, with a signed-in client's budget.
                if (path.StartsWithSegments("/admin")) return Window($"admin:{address}", limits.PerClientPerMinute, limits.Window);
                if (context.User.Identity?.IsAuthenticated == true)
                    return Window($"client:{context.User.FindFirst(ClaimNames.ClientId)?.Value}:{context.User.FindFirst(ClaimNames.Subject)?.Value}", limits.PerClientPerMinute, limits.Window);
                return Window($"anonymous:{address}", limits.AnonymousPerMinute, limits.Window);
            });
            o.OnRejected = async (context, ct) =>
            {
                // Every refusal says when to come back: the window's end, never less than a second.
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds))
                    : Math.Max(1, (int)Math.Ceiling(limits.Window.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (IsSignIn(context.HttpContext))
                {
                    await SignInPage.TooMany(context.HttpContext, seconds).ExecuteAsync(context.HttpContext);
                    return;
                }
                await Results.Problem(title: "Too many requests.", detail: $"请求过于频繁，请 {seconds} 秒后再试 (try again in {seconds} s).",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    static bool IsSignIn(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/" + TokenServer.AuthorizePath) && HttpMethods.IsPost(context.Request.Method);

    static RateLimitPartition<string> Window(string key, int perMinute, TimeSpan window) => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, (int)(perMinute * window.TotalMinutes)), Window = window, QueueLimit = 0,
    });
}
