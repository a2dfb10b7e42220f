namespace ServiceDefaults;

/// <summary>Collects field errors at the edge so one answer names every offending field, with the one
/// vocabulary every service checks its input by: free text, codes, credit codes, periods, windows
/// and lists (whose elements may arrive as <c>null</c> or as objects with every field missing).</summary>
public sealed class Validation
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
        return this;
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>Required free text: <paramref name="min"/> to <paramref name="max"/> characters once
    /// trimmed, no control characters (line breaks allowed in <paramref name="multiline"/> text).</summary>
    public Validation Text(string field, string? value, int max, int min = 1, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "This field is required.");
        return CheckText(field, value, max, min, multiline);
    }

    /// <summary>Free text that may be absent (null); when present, as <see cref="Text"/>.</summary>
    public Validation OptionalText(string field, string? value, int max, int min = 1, bool multiline = false) =>
        value is null ? this : CheckText(field, value, max, min, multiline);

    Validation CheckText(string field, string value, int max, int min, bool multiline)
    {
        var length = value.Trim().Length;
        if (length < min) return Add(field, $"At least {min} characters.");
        if (value.Length > max) return Add(field, $"At most {max} characters.");
        if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            return Add(field, multiline ? "Control characters other than line breaks are not allowed." : "Control characters and line breaks are not allowed.");
        return this;
    }

    /// <summary>A catalog code (matters, tolerance items, filing numbers): 1 to <paramref name="max"/>
    /// ASCII letters, digits, '-' or '_', nothing else (no spaces, no line breaks).</summary>
    public Validation Code(string field, string? value, int max = 40, string? what = null) =>
        Require(IsCode(value, max), field, what ?? $"A code of 1 to {max} letters, digits, '-' or '_'.");

    public Validation OptionalCode(string field, string? value, int max = 40, string? what = null) =>
        value is null ? this : Code(field, value, max, what);

    public static bool IsCode(string? value, int max = 40) =>
        value is { Length: >= 1 } && value.Length <= max && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>An agency's code: 2 to 20 capital ASCII letters (YJ, SJ, ZHZF …).</summary>
    public Validation AgencyCode(string field, string? value) =>
        Require(IsAgencyCode(value), field, "An agency code: 2 to 20 capital letters, e.g. YJ.");

    public Validation OptionalAgencyCode(string field, string? value) => value is null ? this : AgencyCode(field, value);

    public static bool IsAgencyCode(string? value) => value is { Length: >= 2 and <= 20 } && value.All(char.IsAsciiLetterUpper);

    /// <summary>An enforcement certificate number (行政执法证号) as the province issues it: 8 to 20 digits
    /// or capital letters.</summary>
    public Validation CertificateNo(string field, string? value) =>
        Require(value is { Length: >= 8 and <= 20 } && value.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)), field,
            "An enforcement certificate number is 8 to 20 digits or capital letters.");

    /// <summary>A unified social credit code with its GB 32100 check character.</summary>
    public Validation CreditCode(string field, string? value) =>
        ServiceDefaults.CreditCode.Validate(value) is { } error ? Add(field, error) : this;

    /// <summary>A period of the public API; <paramref name="period"/> is null when it is not one.</summary>
    public Validation Period(string field, string? value, out Period? period)
    {
        period = ServiceDefaults.Period.TryParse(value, out var parsed) ? parsed : null;
        return Require(period is not null, field, ServiceDefaults.Period.Shape);
    }

    /// <summary>A window of calendar days: both days given, the last on or after the first, at most
    /// <paramref name="maxDays"/> days long when a limit is given.</summary>
    public Validation Window(string fromField, DateOnly? from, string toField, DateOnly? to, int? maxDays = null)
    {
        Require(from is not null, fromField, "The window's first day is required.");
        Require(to is not null, toField, "The window's last day is required.");
        if (from is { } f && to is { } t)
        {
            Require(f <= t, toField, "The window ends on or after the day it starts.");
            if (maxDays is { } limit) Require(t.DayNumber - f.DayNumber < limit, toField, $"A window lasts at most {limit} days.");
        }
        return this;
    }

    /// <summary>A window of instants: both given, the end after the start, at most <paramref name="maxLength"/> long.</summary>
    public Validation Window(string startField, DateTimeOffset? start, string endField, DateTimeOffset? end, TimeSpan maxLength)
    {
        Require(start is not null, startField, "When it starts is required.");
        Require(end is not null, endField, "When it ends is required.");
        if (start is { } s && end is { } e)
        {
            Require(s < e, endField, "It ends after it starts.");
            Require(e - s <= maxLength, endField, $"It lasts at most {Describe(maxLength)}.");
        }
        return this;
    }

    static string Describe(TimeSpan span) => span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : $"{span.TotalHours:0.#} hours";

    /// <summary>A list of <paramref name="min"/> to <paramref name="max"/> elements (a missing list counts
    /// as empty), none of them null, each checked by <paramref name="element"/> under its own path
    /// (<c>field[i]</c>). Elements past the limit are not looked at.</summary>
    public Validation List<T>(string field, IReadOnlyList<T?>? list, int min, int max, Action<string, T>? element = null)
    {
        var count = list?.Count ?? 0;
        if (count < min || count > max)
            Add(field, min == max ? $"Exactly {min}." : min == 0 ? $"At most {max}." : $"Between {min} and {max}.");
        for (var i = 0; i < Math.Min(count, max); i++)
        {
            var path = $"{field}[{i}]";
            if (list![i] is { } item) element?.Invoke(path, item);
            else Add(path, "An entry cannot be empty (null).");
        }
        return this;
    }

    /// <summary>A list of codes: bounded, no null or malformed element, none twice.</summary>
    public Validation Codes(string field, IReadOnlyList<string?>? codes, int min, int max, Func<string?, bool>? isCode = null, string? what = null)
    {
        isCode ??= c => IsCode(c);
        List(field, codes, min, max, (path, code) => Require(isCode(code), path, what ?? "A code of 1 to 40 letters, digits, '-' or '_'."));
        return Distinct(field, codes, "A code is listed twice.");
    }

    /// <summary>No value listed twice (by <paramref name="key"/>, if given).</summary>
    public Validation Distinct<T>(string field, IReadOnlyList<T?>? list, string message, Func<T, object?>? key = null)
    {
        if (list is null) return this;
        var keys = list.Where(x => x is not null).Select(x => key is null ? x : key(x!)).ToList();
        return Require(keys.Distinct().Count() == keys.Count, field, message);
    }
}
