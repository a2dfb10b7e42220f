using System.Text;
using System.Text.RegularExpressions;
using ServiceDefaults;
using Xunit;

namespace Architecture.Tests;

/// <summary>Every English sentence a service may answer with states a listed rule: it has a stable code
/// and Chinese words (see <see cref="ProblemTexts"/>). Read from the sources, so a message added
/// without its code and Chinese fails here, not in front of a clerk.</summary>
public sealed partial class Every_message_has_a_code_and_Chinese
{
    /// <summary>Where the sources of each catalogue's messages live.</summary>
    static readonly (string Folder, IReadOnlyList<ProblemText> Texts)[] Catalogues =
    [
        ("services/planning", [.. PlanningTexts(), .. CommonTexts.All]),
        ("services/filing", [.. Filing.Api.FilingTexts.All, .. CommonTexts.All]),
        ("services/tolerance", [.. Tolerance.Api.ToleranceTexts.All, .. CommonTexts.All]),
        ("services/supervision", [.. Supervision.Api.SupervisionTexts.All, .. CommonTexts.All]),
        ("services/shared/ServiceDefaults", CommonTexts.All),
        ("services/shared/Persistence", CommonTexts.All),
        ("gateway", [.. Gateway.GatewayTexts.All, .. CommonTexts.All]),
    ];

    static IReadOnlyList<ProblemText> PlanningTexts() => Planning.Api.PlanningTexts.All;

    [Fact]
    public void Every_sentence_in_the_sources_is_a_listed_rule()
    {
        var missing = new List<string>();
        foreach (var (folder, texts) in Catalogues)
        {
            var catalogue = new ProblemTexts(texts);
            foreach (var (file, line, literal) in Sentences(folder))
                if (catalogue.Find(Sample(literal)) is null) missing.Add($"{file}:{line} {literal}");
        }
        Assert.True(missing.Count == 0, $"{missing.Count} messages have no code and Chinese:\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void The_rule_does_catch_a_message_without_Chinese()
    {
        var source = """
            return Problems.Conflict("The moon is not in the catalogue.", $"Moon {id} was never listed.");
            """;
        var catalogue = new ProblemTexts(CommonTexts.All);
        var found = Literals(source).Where(l => IsSentence(l.Text)).Select(l => l.Text).ToList();
        Assert.Equal(["The moon is not in the catalogue.", "Moon {hole} was never listed."], found);
        Assert.All(found, l => Assert.Null(catalogue.Find(Sample(l))));
    }

    [Fact]
    public void Each_catalogue_gives_every_rule_one_code_and_fills_only_holes_it_has()
    {
        foreach (var (folder, texts) in Catalogues)
        {
            Assert.True(texts.GroupBy(t => t.Code).All(g => g.Select(t => t.English).Distinct().Count() == 1), $"{folder}: a code names two wordings");
            Assert.True(texts.GroupBy(t => t.English).All(g => g.Select(t => t.Code).Distinct().Count() == 1), $"{folder}: a wording has two codes");
            foreach (var text in texts)
            {
                Assert.Matches(@"\A[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)+\z", text.Code);
                // The Chinese fills only holes the English has (it may word a value its own way).
                Assert.True(Holes(text.Chinese).All(Holes(text.English).Contains), $"{text.Code}: the Chinese has a hole the English lacks");
                Assert.Contains(text.Chinese, c => c is >= '\u4e00' and <= '\u9fff');
            }
        }
    }

    static List<string> Holes(string text) => [.. HolePattern().Matches(text).Select(m => m.Value).Distinct().Order()];

    /// <summary>The literal as an answer would read, each interpolation hole filled with a value.</summary>
    static string Sample(string literal) => HolePattern().Replace(literal, "X1");

    /// <summary>English sentences in the production sources below <paramref name="folder"/>: not in
    /// migrations, logs, exceptions that stop the process, or API descriptions.</summary>
    static IEnumerable<(string File, int Line, string Text)> Sentences(string folder)
    {
        var root = Path.Combine(Root, folder);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
            if (relative.Contains("/Migrations/") || relative.Contains("/bin/") || relative.Contains("/obj/") || relative.Contains("/Seeding/")) continue;
            var source = File.ReadAllText(file);
            var lines = source.Split('\n');
            foreach (var (line, text) in Literals(source))
            {
                if (!IsSentence(text)) continue;
                var code = lines[line - 1];
                if (NotAnAnswer().IsMatch(code) || SettingKey().IsMatch(text)) continue;
                yield return (relative, line, text);
            }
        }
    }

    static bool IsSentence(string text)
    {
        // An English sentence: it starts with a Latin letter, a digit or a value, has words, ends as a
        // sentence does; SQL and markup are not sentences.
        var words = HolePattern().Replace(text, "X1");
        return Regex.IsMatch(words, @"\A[A-Za-z0-9]") && Regex.IsMatch(words, @"[A-Za-z]{2,}[^""]*\s") && Regex.IsMatch(text, @"[.?)]\z")
            && !text.Contains('=') && !Regex.IsMatch(text, @"\A(SELECT|INSERT|UPDATE|DELETE|WITH)\b");
    }

    /// <summary>The string literals of C# source with their line: interpolated ones with their holes as
    /// written (<c>{id}</c>); raw and verbatim strings (SQL, markup) are passed over.</summary>
    static IEnumerable<(int Line, string Text)> Literals(string source)
    {
        var line = 1;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\n') { line++; continue; }
            if (c == '/' && At(source, i + 1) == '/') { while (i < source.Length && source[i] != '\n') i++; line++; continue; }
            if (c == '/' && At(source, i + 1) == '*') { var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal); line += Count(source, i, end); i = end + 1; continue; }
            if (c == '\'') { i += At(source, i + 1) == '\\' ? 3 : 2; continue; }
            var start = i;
            while (i < source.Length && source[i] is '$' or '@') i++;
            if (At(source, i) != '"') { i = start; continue; }
            var prefix = source[start..i];
            if (source.AsSpan(i).StartsWith("\"\"\"") || prefix.Contains('@'))
            {
                var end = prefix.Contains('@') ? VerbatimEnd(source, i) : source.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal) + 2;
                line += Count(source, i, end);
                i = end;
                continue;
            }
            var interpolated = prefix.Contains('$');
            var text = new StringBuilder();
            var lineOfLiteral = line;
            for (i++; i < source.Length && source[i] != '"'; i++)
            {
                if (source[i] == '\\') { text.Append(source, i, 2); i++; continue; }
                if (interpolated && source[i] == '{' && At(source, i + 1) == '{') { text.Append('{'); i++; continue; }
                if (interpolated && source[i] == '}' && At(source, i + 1) == '}') { text.Append('}'); i++; continue; }
                if (interpolated && source[i] == '{')
                {
                    var end = HoleEnd(source, i);
                    text.Append("{hole}");
                    i = end;
                    continue;
                }
                text.Append(source[i]);
            }
            yield return (lineOfLiteral, text.ToString());
        }
    }

    static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    static int Count(string s, int from, int to) => s.AsSpan(from, Math.Max(0, to - from)).Count('\n');

    static int VerbatimEnd(string s, int open)
    {
        for (var i = open + 1; i < s.Length; i++)
            if (s[i] == '"') { if (At(s, i + 1) == '"') i++; else return i; }
        return s.Length;
    }

    // The closing brace of an interpolation hole, past any string literal inside it.
    static int HoleEnd(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '"') { for (i++; i < s.Length && s[i] != '"'; i++) if (s[i] == '\\') i++; continue; }
            if (s[i] == '{') depth++;
            else if (s[i] == '}' && --depth == 0) return i;
        }
        return s.Length;
    }

    static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ParkEnforcement.slnx"))) return dir.FullName;
        throw new InvalidOperationException("ParkEnforcement.slnx not found above the test binaries.");
    }

    [GeneratedRegex(@"\{[A-Za-z][A-Za-z0-9]*\}")]
    private static partial Regex HolePattern();

    // Lines whose text no API answer carries: logs, exceptions, metric and endpoint descriptions, and
    // the start checks of settings (for the operator, before any request).
    [GeneratedRegex(@"\bLog[A-Z]\w*\(|\bthrow\b|Exception\(|description:|\.With(Summary|Description)\(|AddOptions|ErrorMessage|\bFail\(|Console\.|ValidationResult\(|Settings\.Key<|\berror = ")]
    private static partial Regex NotAnAnswer();

    // A setting's name (Messaging:Outbox:BatchSize): a message for the operator at start.
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+:[A-Z][A-Za-z]+")]
    private static partial Regex SettingKey();
}
