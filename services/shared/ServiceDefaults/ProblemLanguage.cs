using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceDefaults;

/// <summary>Gives every problem the code of its rule (<c>code</c>) and of each field's rule
/// (<c>errorCodes</c>, beside <c>errors</c>), and words it in Chinese when the request prefers Chinese
/// (<c>Accept-Language: zh-CN</c>, as the console sends).</summary>
public static class ProblemLanguage
{
    /// <summary>The code of a problem whose wording states no listed rule.</summary>
    public const string Unlisted = "request.unlisted";

    public static void Apply(ProblemDetails problem, HttpContext context)
    {
        if (context.RequestServices.GetService<ProblemTexts>() is not { } texts) return;
        var chinese = PrefersChinese(context.Request);

        problem.Extensions["code"] = texts.CodeOf(problem.Title) ?? Unlisted;
        if (Errors(problem) is { } errors)
        {
            problem.Extensions["errorCodes"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(m => texts.CodeOf(m) ?? Unlisted).ToArray());
            if (chinese)
                foreach (var field in errors.Keys.ToList())
                    errors[field] = [.. errors[field].Select(texts.Chinese)];
        }
        if (!chinese) return;
        if (problem.Title is { } title) problem.Title = texts.Chinese(title);
        if (problem.Detail is { } detail) problem.Detail = texts.Chinese(detail);
        context.Response.Headers.ContentLanguage = "zh-CN";
    }

    /// <summary>True when Chinese ranks above English among the languages the request accepts.</summary>
    public static bool PrefersChinese(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Value.HasValue && (Is(l.Value.Value!, "zh") || Is(l.Value.Value!, "en")))
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault();
        return preferred is not null && Is(preferred.Value.Value!, "zh");
    }

    static bool Is(string tag, string language) =>
        tag.Equals(language, StringComparison.OrdinalIgnoreCase) || tag.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase);

    // Validation problems keep their field errors in a property of their own; the others, in an extension.
    static IDictionary<string, string[]>? Errors(ProblemDetails problem) =>
        problem is HttpValidationProblemDetails validation ? validation.Errors
        : problem.Extensions.TryGetValue("errors", out var errors) ? errors as IDictionary<string, string[]> : null;
}
