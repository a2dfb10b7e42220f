using System.Text.Json.Nodes;

namespace TestInfrastructure;

/// <summary>What a client relies on in a problem's wording: the code of its rule and of each field's
/// rule (never the code of an unlisted text), and Chinese throughout when Chinese was asked for.</summary>
public static class ProblemWording
{
    const string Unlisted = ServiceDefaults.ProblemLanguage.Unlisted;

    public static List<string> Faults(JsonObject problem, bool chinese)
    {
        var faults = new List<string>();
        var code = problem["code"]?.GetValue<string>();
        if (string.IsNullOrEmpty(code) || code == Unlisted) faults.Add($"no code for the title {problem["title"]}");
        var errors = problem["errors"]?.AsObject() ?? [];
        var codes = problem["errorCodes"]?.AsObject() ?? [];
        foreach (var (field, messages) in errors)
        {
            var fieldCodes = codes[field]?.AsArray().Select(c => c!.GetValue<string>()).ToList() ?? [];
            var texts = messages!.AsArray().Select(m => m!.GetValue<string>()).ToList();
            if (fieldCodes.Count != texts.Count || fieldCodes.Contains(Unlisted))
                faults.Add($"no code for {field}: {string.Join(" / ", texts)}");
            if (chinese) faults.AddRange(texts.Where(t => !IsChinese(t)).Select(t => $"{field} not in Chinese: {t}"));
        }
        if (chinese && problem["title"]?.GetValue<string>() is { } title && !IsChinese(title)) faults.Add($"title not in Chinese: {title}");
        if (chinese && problem["detail"]?.GetValue<string>() is { } detail && !IsChinese(detail)) faults.Add($"detail not in Chinese: {detail}");
        return faults;
    }

    /// <summary>Written in Chinese: it has Chinese characters and no English sentence (three Latin
    /// words in a row) left in it.</summary>
    public static bool IsChinese(string text) =>
        text.Any(c => c is >= '\u4e00' and <= '\u9fff')
        && !System.Text.RegularExpressions.Regex.IsMatch(text, @"\b[A-Za-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\b");
}
