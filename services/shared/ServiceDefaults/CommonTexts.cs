namespace ServiceDefaults;

/// <summary>The shared vocabulary's rules (<see cref="Validation"/>, credit codes, periods, unreadable
/// bodies, uploads) and the titles the framework gives an empty status code, in both languages: this
/// project's problems.json.</summary>
public static class CommonTexts
{
    public static readonly IReadOnlyList<ProblemText> All = ProblemCatalogue.Of(typeof(CommonTexts).Assembly);
}
