using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Identity;

/// <summary>The token endpoint's refusals as RFC 9457 problem details with status 401, keeping the
/// OAuth fields (<c>error</c>, <c>error_description</c>) that token clients read.</summary>
public static class TokenErrors
{
    /// <summary>Chinese stays readable in the answer instead of \u escapes.</summary>
    internal static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IApplicationBuilder UseTokenErrorsAsProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/connect/token"))
        {
            await next();
            return;
        }
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }
        buffer.Position = 0;
        if (context.Response.StatusCode is 400 or 401 && TryRead(buffer) is { } oauth && oauth["error"]?.GetValue<string>() is { } error)
        {
            var malformed = error is "unsupported_grant_type" or "invalid_request";
            var title = malformed ? "The token request is malformed." : "The credentials are not valid.";
            var description = oauth["error_description"]?.GetValue<string>();
            // Written by hand (OAuth clients read error and error_description), so worded here as the
            // other problems are: the rule's code, and Chinese when the request prefers it.
            var texts = context.RequestServices.GetRequiredService<ProblemTexts>();
            var chinese = ProblemLanguage.PrefersChinese(context.Request);
            var problem = new JsonObject
            {
                ["type"] = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2",
                ["title"] = chinese ? texts.Chinese(title) : title,
                ["status"] = malformed ? 400 : 401,
                ["detail"] = description is not null && chinese ? texts.Chinese(description) : description,
                ["code"] = texts.CodeOf(title),
                ["error"] = error,
                ["error_description"] = description,
            };
            if (chinese) context.Response.Headers.ContentLanguage = "zh-CN";
            context.Response.StatusCode = problem["status"]!.GetValue<int>();
            context.Response.ContentType = "application/problem+json";
            context.Response.ContentLength = null;
            await context.Response.WriteAsync(problem.ToJsonString(Readable));
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    });

    static JsonNode? TryRead(Stream body)
    {
        try { return JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }
}
