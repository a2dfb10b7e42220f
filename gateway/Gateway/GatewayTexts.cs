
namespace Gateway;

/// <summary>The gateway's own answers (tokens, limits, the API documents), with their codes and Chinese: this project's problems.json.</summary>
public static class GatewayTexts
{
    public static readonly IReadOnlyList<ProblemText> All = ProblemCatalogue.Of(typeof(GatewayTexts).Assembly);
}
