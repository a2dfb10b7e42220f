namespace Planning.Api;

/// <summary>The plan list's and the registry's rules as their answers word them, with their codes and Chinese: this project's problems.json.</summary>
public static class PlanningTexts
{
    public static readonly IReadOnlyList<ProblemText> All = ProblemCatalogue.Of(typeof(PlanningTexts).Assembly);
}
