namespace Supervision.Api;

/// <summary>Supervision's rules as its answers word them, with their codes and Chinese: this project's problems.json.</summary>
public static class SupervisionTexts
{
    public static readonly IReadOnlyList<ProblemText> All = ProblemCatalogue.Of(typeof(SupervisionTexts).Assembly);
}
