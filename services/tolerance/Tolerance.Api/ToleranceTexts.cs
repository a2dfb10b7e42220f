namespace Tolerance.Api;

/// <summary>The tolerance list's rules as its answers word them, with their codes and Chinese: this project's problems.json.</summary>
public static class ToleranceTexts
{
    public static readonly IReadOnlyList<ProblemText> All = ProblemCatalogue.Of(typeof(ToleranceTexts).Assembly);
}
