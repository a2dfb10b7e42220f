namespace Planning.Contracts;

/// <summary>The office entered or corrected a year's statutory holidays and make-up workdays
/// (调休上班日): the working-day clock of every service follows it.</summary>
public sealed record WorkingCalendarChanged(
    int Year,
    int CalendarVersion,
    IReadOnlyList<DateOnly> Holidays,
    IReadOnlyList<DateOnly> MakeUpWorkdays,
    DateTimeOffset ChangedAt)
{
    public int Version { get; init; } = 1;
}
