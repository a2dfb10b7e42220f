namespace ReadModels;

/// <summary>Working days as the State Council arranges them: Monday to Friday, minus statutory
/// holidays, plus make-up workdays (调休上班日) on weekends. The calendar comes from the office
/// through planning's events, one year at a time; every service that counts working days (filing's
/// backfill deadlines, tolerance's statement periods) counts them with this one clock. Given the years it holds (<paramref name="knownYears"/>),
/// the clock refuses to count through a year the office has not entered (<see cref="TryDeadline"/>)
/// instead of guessing it by weekdays; without them every year counts as entered.</summary>
public sealed class WorkingDayClock(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkdays, IEnumerable<int>? knownYears = null)
{
    readonly HashSet<DateOnly> _holidays = [.. holidays];
    readonly HashSet<DateOnly> _makeUp = [.. makeUpWorkdays];
    readonly HashSet<int>? _years = knownYears is null ? null : [.. knownYears];

    public bool IsWorkingDay(DateOnly day) =>
        _makeUp.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>The last day of a period of <paramref name="workingDays"/> working days that starts
    /// the day after <paramref name="end"/>: the written filing of an emergency inspection that ended
    /// on <paramref name="end"/> is due by the end of that day (5个工作日内补报). The day the
    /// inspection ended never counts, whatever hour it ended.</summary>
    public DateOnly Deadline(DateOnly end, int workingDays) =>
        TryDeadline(end, workingDays, out var deadline, out var missing) ? deadline
            : throw new InvalidOperationException($"No working calendar for {missing}.");

    /// <summary>As <see cref="Deadline"/>, or false with the first year the period runs into that has no calendar.</summary>
    public bool TryDeadline(DateOnly end, int workingDays, out DateOnly deadline, out int missingYear)
    {
        if (workingDays < 1) throw new ArgumentOutOfRangeException(nameof(workingDays));
        var day = end;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (_years is not null && !_years.Contains(day.Year))
            {
                (deadline, missingYear) = (default, day.Year);
                return false;
            }
            if (IsWorkingDay(day)) counted++;
        }
        (deadline, missingYear) = (day, 0);
        return true;
    }
}
