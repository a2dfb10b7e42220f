using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceDefaults;

/// <summary>China has one time zone and no daylight saving: calendar days, deadlines and periods
/// are UTC+8 days. Instants are stored in UTC.</summary>
public static partial class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The UTC instant at which a Chinese calendar day begins.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    [GeneratedRegex(@"^(?<year>20\d{2})(-Q(?<quarter>[1-4]))?$")]
    private static partial Regex PeriodPattern();

    /// <summary>A period of the public API, written <c>2026</c> or <c>2026-Q1</c>: its first and last
    /// day, both included.</summary>
    public static bool TryParsePeriod(string? period, out DateOnly from, out DateOnly to)
    {
        from = to = default;
        var m = PeriodPattern().Match(period ?? "");
        if (!m.Success) return false;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (!m.Groups["quarter"].Success)
        {
            (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            return true;
        }
        from = new DateOnly(year, int.Parse(m.Groups["quarter"].Value, CultureInfo.InvariantCulture) * 3 - 2, 1);
        to = from.AddMonths(3).AddDays(-1);
        return true;
    }
}
