using ReadModels;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>The written filing of an emergency inspection is due 5 working days after it ended,
/// counted on the real 2025 and 2026 arrangements.</summary>
public sealed class Working_day_clock
{
    static readonly WorkingDayClock Clock = new(OfficialCalendar.Holidays, OfficialCalendar.MakeUpWorkdays);

    [Theory]
    // The State Council's own example: Feb 14 (a make-up Saturday) is day 1, Feb 24-27 days 2-5.
    [InlineData("2026-02-13", "2026-02-27", "ends on the Friday before the Spring Festival")]
    [InlineData("2025-01-24", "2025-02-07", "make-up Sunday Jan 26 counts, Jan 28-Feb 4 do not")]
    [InlineData("2026-09-30", "2026-10-13", "National Day week, then the make-up Saturday Oct 10")]
    [InlineData("2025-09-30", "2025-10-14", "the eight-day National Day and Mid-Autumn holiday of 2025")]
    [InlineData("2026-10-03", "2026-10-13", "ends on a holiday")]
    [InlineData("2026-03-06", "2026-03-13", "ends on a Friday evening: the weekend does not count")]
    [InlineData("2026-04-30", "2026-05-11", "May Day holiday, then the make-up Saturday May 9")]
    [InlineData("2025-12-31", "2026-01-08", "across the year end and the New Year holiday, with make-up Sunday Jan 4")]
    public void The_deadline_follows_the_official_calendar(string ended, string due, string because) =>
        Assert.True(Clock.Deadline(DateOnly.Parse(ended), 5) == DateOnly.Parse(due), because);

    [Fact]
    public void For_every_day_of_2025_and_2026_the_deadline_is_a_working_day_with_exactly_five_working_days_up_to_it()
    {
        var previous = DateOnly.MinValue;
        for (var end = new DateOnly(2025, 1, 1); end <= new DateOnly(2026, 12, 20); end = end.AddDays(1))
        {
            var deadline = Clock.Deadline(end, 5);
            Assert.True(Clock.IsWorkingDay(deadline), $"{end}: {deadline} is not a working day");
            var counted = 0;
            for (var d = end.AddDays(1); d <= deadline; d = d.AddDays(1)) if (Clock.IsWorkingDay(d)) counted++;
            Assert.Equal(5, counted);
            Assert.True(deadline >= previous, $"{end}: a later end never gives an earlier deadline");
            previous = deadline;
        }
    }

    [Fact]
    public void Make_up_workdays_work_and_holidays_rest()
    {
        Assert.True(Clock.IsWorkingDay(new DateOnly(2026, 2, 14)));   // Saturday, 调休上班
        Assert.False(Clock.IsWorkingDay(new DateOnly(2026, 2, 16)));  // Monday, 春节
        Assert.False(Clock.IsWorkingDay(new DateOnly(2026, 3, 7)));   // an ordinary Saturday
    }
}
