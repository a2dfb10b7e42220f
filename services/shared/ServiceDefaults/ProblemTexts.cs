using System.Text.RegularExpressions;

namespace ServiceDefaults;

/// <summary>One rule of the API as its answers word it: a stable <paramref name="Code"/> that clients
/// match on (the wording may improve, the code does not change), and the text in English and Chinese.
/// Text may hold named holes (<c>{agency}</c>) that the answer fills in; both languages name the same
/// holes.</summary>
public sealed record ProblemText(string Code, string English, string Chinese);

/// <summary>The texts of one service (or of the shared vocabulary), registered with
/// <see cref="ProblemDetailsSetup.AddProblemTexts"/>.</summary>
public sealed record ProblemTextSet(IReadOnlyList<ProblemText> Texts);

/// <summary>Finds a rule by the English words a handler answered with, as a message catalogue finds a
/// translation by its message id: a handler writes its message once, in English, beside the check it
/// makes, and the answer still carries the rule's code and, when the caller asks for it, Chinese.</summary>
public sealed partial class ProblemTexts
{
    readonly Dictionary<string, ProblemText> _exact = new(StringComparer.Ordinal);
    readonly List<(Regex Pattern, ProblemText Text)> _templates = [];

    public ProblemTexts(IEnumerable<ProblemText> texts)
    {
        foreach (var text in texts)
        {
            if (!Hole().IsMatch(text.English)) _exact.TryAdd(text.English, text);
            else _templates.Add((Pattern(text.English), text));
        }
        // The most specific wording first: "At most {max} characters." before "At most {max}.".
        _templates.Sort((a, b) => Literal(b.Text.English).CompareTo(Literal(a.Text.English)));
    }

    static int Literal(string english) => Hole().Replace(english, "").Length;

    /// <summary>The rule <paramref name="english"/> states, with the values in its holes.</summary>
    public (ProblemText Text, IReadOnlyDictionary<string, string> Values)? Find(string english)
    {
        if (_exact.TryGetValue(english, out var exact)) return (exact, new Dictionary<string, string>());
        foreach (var (pattern, text) in _templates)
        {
            var match = pattern.Match(english);
            if (!match.Success) continue;
            var values = pattern.GetGroupNames().Where(n => !char.IsAsciiDigit(n[0]))
                .ToDictionary(n => n, n => match.Groups[n].Value, StringComparer.Ordinal);
            return (text, values);
        }
        return null;
    }

    public string? CodeOf(string? english) => english is null ? null : Find(english)?.Text.Code;

    /// <summary>The Chinese of <paramref name="english"/>; a value in a hole that is itself a rule's text
    /// (a row's reason, say) is put into Chinese too. Text that states no known rule stays as it is.</summary>
    public string Chinese(string english)
    {
        if (Find(english) is not var (text, values)) return english;
        return Hole().Replace(text.Chinese, m => values.TryGetValue(m.Groups[1].Value, out var v) ? Chinese(v) : m.Value);
    }

    // "No agency has code {code}." → ^No agency has code (?<code>.+?)\.$ (anchored at the very end: no
    // trailing line break slips through).
    static Regex Pattern(string english)
    {
        var pattern = "";
        var at = 0;
        foreach (Match hole in Hole().Matches(english))
        {
            pattern += Regex.Escape(english[at..hole.Index]) + $"(?<{hole.Groups[1].Value}>.+?)";
            at = hole.Index + hole.Length;
        }
        return new Regex(@"\A" + pattern + Regex.Escape(english[at..]) + @"\z", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Hole();
}
