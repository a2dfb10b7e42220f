namespace Supervision.Api.Features;

/// <summary>The shapes free text and codes must have before anything is stored.</summary>
static class Texts
{
    public static bool IsText(string? text, int min, int max) =>
        text is not null && text.Trim().Length >= min && text.Length <= max && !text.Any(c => char.IsControl(c) && c is not '\n' and not '\r');

    public static bool IsCode(string? code, int max = 20) =>
        code is { Length: >= 2 } && code.Length <= max && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-');
}
