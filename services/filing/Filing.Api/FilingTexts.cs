namespace Filing.Api;

/// <summary>The filing list's rules as its answers word them, with their codes and Chinese: this project's problems.json.</summary>
public static class FilingTexts
{
    public static readonly IReadOnlyList<ProblemText> All = ProblemCatalogue.Of(typeof(FilingTexts).Assembly);
}
