namespace TestInfrastructure;

/// <summary>The State Council's holiday arrangements for 2025 and 2026, as published (facts the
/// tests check the working-day logic against).</summary>
public static class OfficialCalendar
{
    static IEnumerable<DateOnly> Days(int y, int m, int d, int toM, int toD)
    {
        for (var day = new DateOnly(y, m, d); day <= new DateOnly(y, toM, toD); day = day.AddDays(1)) yield return day;
    }

    public static readonly IReadOnlyList<DateOnly> Holidays =
    [
        .. Days(2025, 1, 1, 1, 1), .. Days(2025, 1, 28, 2, 4), .. Days(2025, 4, 4, 4, 6), .. Days(2025, 5, 1, 5, 5), .. Days(2025, 5, 31, 6, 2), .. Days(2025, 10, 1, 10, 8),
        .. Days(2026, 1, 1, 1, 3), .. Days(2026, 2, 15, 2, 23), .. Days(2026, 4, 4, 4, 6), .. Days(2026, 5, 1, 5, 5), .. Days(2026, 6, 19, 6, 21), .. Days(2026, 9, 25, 9, 27), .. Days(2026, 10, 1, 10, 7),
    ];

    public static readonly IReadOnlyList<DateOnly> MakeUpWorkdays =
    [
        new(2025, 1, 26), new(2025, 2, 8), new(2025, 4, 27), new(2025, 9, 28), new(2025, 10, 11),
        new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10),
    ];
}
