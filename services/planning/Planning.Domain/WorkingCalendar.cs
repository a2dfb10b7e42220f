namespace Planning.Domain;

/// <summary>China's working days: Monday to Friday, minus the statutory holidays, plus the make-up
/// workdays (调休上班日) that fall on weekends. The office keeps both lists per year from the State
/// Council's notice; no library knows them.</summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkdays)
{
    readonly HashSet<DateOnly> _holidays = [.. holidays];
    readonly HashSet<DateOnly> _makeUpWorkdays = [.. makeUpWorkdays];

    public static readonly WorkingCalendar WeekdaysOnly = new([], []);

    public bool IsWorkingDay(DateOnly day) =>
        _makeUpWorkdays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>The working days from <paramref name="from"/> to <paramref name="to"/>, both included, in order.</summary>
    public DateOnly[] WorkingDays(DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>(Math.Max(0, to.DayNumber - from.DayNumber + 1));
        for (var d = from; d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) days.Add(d);
        return [.. days];
    }
}
