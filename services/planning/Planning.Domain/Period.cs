using System.Globalization;
using System.Text.RegularExpressions;

namespace Planning.Domain;

/// <summary>A planning period: a year (<c>2026</c>) or a quarter (<c>2026-Q1</c>).</summary>
public sealed partial record Period(string Code, DateOnly From, DateOnly To)
{
    [GeneratedRegex(@"^(?<year>20\d{2})(-Q(?<quarter>[1-4]))?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? code, out Period period)
    {
        period = null!;
        var match = Pattern().Match(code ?? "");
        if (!match.Success) return false;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            var from = new DateOnly(year, quarter * 3 - 2, 1);
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
