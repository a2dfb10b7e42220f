using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceDefaults;

/// <summary>A period of the public API: a year (<c>2026</c>) or a quarter (<c>2026-Q1</c>), with its
/// first and last day (both included). The one place a period is parsed.</summary>
public sealed partial record Period(string Code, DateOnly From, DateOnly To)
{
    // \A and \z, not ^ and $: .NET's $ matches before a final newline, so "2026-Q4\n" would pass.
    [GeneratedRegex(@"\A(?<year>20\d{2})(-Q(?<quarter>[1-4]))?\z")]
    private static partial Regex Pattern();

    public const string Shape = "A period is a year (2026) or a quarter (2026-Q1).";

    public static bool TryParse(string? code, out Period period)
    {
        period = null!;
        var match = Pattern().Match(code ?? "");
        if (!match.Success) return false;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["quarter"].Success)
        {
            var from = new DateOnly(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture) * 3 - 2, 1);
            period = new Period(code!, from, from.AddMonths(3).AddDays(-1));
        }
        else
        {
            period = new Period(code!, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }
        return true;
    }

    public bool Contains(DateOnly day) => From <= day && day <= To;

    public override string ToString() => Code;
}
