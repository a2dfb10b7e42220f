namespace Filing.Domain;

/// <summary>Working days as the State Council arranges them: Monday to Friday, minus statutory
/// holidays, plus make-up workdays (调休上班日) on weekends. The calendar comes from the office
/// through planning's events; a year the office has not entered yet counts weekdays only.</summary>
public sealed class WorkingDayClock(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkdays)
{
    readonly HashSet<DateOnly> _holidays = [.. holidays];
    readonly HashSet<DateOnly> _makeUp = [.. makeUpWorkdays];

    public bool IsWorkingDay(DateOnly day) =>
        _makeUp.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>The last day of a period of <paramref name="workingDays"/> working days that starts
    /// the day after <paramref name="end"/>: the written filing of an emergency inspection that ended
    /// on <paramref name="end"/> is due by the end of that day (5个工作日内补报). The day the
    /// inspection ended never counts, whatever hour it ended.</summary>
    public DateOnly Deadline(DateOnly end, int workingDays)
    {
        if (workingDays < 1) throw new ArgumentOutOfRangeException(nameof(workingDays));
        var day = end;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }
}
