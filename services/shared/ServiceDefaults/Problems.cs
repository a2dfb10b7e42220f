using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ServiceDefaults;

/// <summary>The problem details every service answers with, so the same failure reads the same
/// everywhere.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "This is not yours to do.", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>A period that is not written <c>2026</c> or <c>2026-Q1</c>.</summary>
    public static ValidationProblem BadPeriod() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [Period.Shape] });

    /// <summary>Well-formed but impossible in the current state of things (an unknown reference,
    /// a rule of the reform), with the offending fields.</summary>
    public static ProblemHttpResult Unprocessable(string title, IDictionary<string, string[]> errors) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
