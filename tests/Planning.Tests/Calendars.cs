using Planning.Domain;

namespace Planning.Tests;

/// <summary>The State Council's 2026 arrangement (国办发明电〔2025〕号 notice of 2025-11-04).</summary>
static class Calendars
{
    static IEnumerable<DateOnly> Days(int year, int month, int fromDay, int toMonth, int toDay)
    {
        for (var d = new DateOnly(year, month, fromDay); d <= new DateOnly(year, toMonth, toDay); d = d.AddDays(1)) yield return d;
    }

    public static readonly WorkingCalendar China2026 = new(
        [
            .. Days(2026, 1, 1, 1, 3), .. Days(2026, 2, 15, 2, 23), .. Days(2026, 4, 4, 4, 6), .. Days(2026, 5, 1, 5, 5),
            .. Days(2026, 6, 19, 6, 21), .. Days(2026, 9, 25, 9, 27), .. Days(2026, 10, 1, 10, 7),
        ],
        [new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10)]);
}
