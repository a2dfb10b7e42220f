using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;

namespace ServiceDefaults;

public static class ProblemDetailsSetup
{
    /// <summary>Every error leaves as RFC 9457 problem details: exceptions, empty status codes
    /// (401, 403, 404, 415) and bodies that cannot be read as JSON, with the offending field.</summary>
    public static IServiceCollection AddProblemDetailsEverywhere(this IServiceCollection services)
    {
        services.AddProblemTexts(CommonTexts.All);
        services.AddSingleton(sp => new ProblemTexts(sp.GetServices<ProblemTextSet>().SelectMany(s => s.Texts)));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
            ProblemLanguage.Apply(ctx.ProblemDetails, ctx.HttpContext);
        });
        // Without this, minimal APIs answer an unreadable body with an empty 400 and no field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    /// <summary>The rules a service words its answers by, beside the shared vocabulary's.</summary>
    public static IServiceCollection AddProblemTexts(this IServiceCollection services, IReadOnlyList<ProblemText> texts) =>
        services.AddSingleton(new ProblemTextSet(texts));

    sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad) return false;

            var errors = new Dictionary<string, string[]>();
            var json = FindJsonException(bad);
            if (json is not null)
            {
                var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
                errors[field] = [ReadableJsonError(json)];
            }

            context.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                    // The framework's own message names the handler's parameters: not for the caller.
                    Detail = json is not null ? "The body is not valid JSON for this operation."
                        : bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? null
                        : bad.Message.Contains("no body was provided", StringComparison.Ordinal) ? "The request has no body; this operation needs one."
                        : "The request is not what this operation expects.",
                    Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
                    Extensions = errors.Count > 0 ? new Dictionary<string, object?> { ["errors"] = errors } : new Dictionary<string, object?>(),
                },
            });
        }

        static JsonException? FindJsonException(Exception e)
        {
            for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
                if (inner is JsonException json) return json;
            return null;
        }

        // The serializer's own message names CLR types; say what is wrong in the API's terms.
        static string ReadableJsonError(JsonException json) =>
            json.InnerException is InvalidOperationException or FormatException
                ? "The value has the wrong type or format."
                : json.Message.Contains("could not be converted", StringComparison.Ordinal)
                    ? "The value has the wrong type or format."
                    : "The JSON is malformed here.";
    }
}
