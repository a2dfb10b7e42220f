namespace Gateway.Protection;

/// <summary>Headers every answer carries: no sniffing, no framing, no referrer; the console is held to
/// its own origin by a content security policy (the camera stays allowed for scanning QR codes).</summary>
public static class SecurityHeaders
{
    const string ConsolePolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            if (context.Request.Path.StartsWithSegments("/console")) headers.ContentSecurityPolicy = ConsolePolicy;
            return Task.CompletedTask;
        });
        await next();
    });
}
