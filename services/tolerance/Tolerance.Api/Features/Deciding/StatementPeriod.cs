using ReadModels;
namespace Tolerance.Api.Features.Deciding;

/// <summary>The enterprise's period to state its case, counted in working days on planning's calendar
/// with the platform's one <see cref="WorkingDayClock"/>; without the calendar of a year it runs into,
/// none yet, and the year is kept so the calendar's arrival counts it.</summary>
public static class StatementPeriod
{
    public static async Task<WorkingDayClock> ClockAsync(ToleranceDb db, CancellationToken ct)
    {
        var years = await db.Calendar.AsNoTracking().ToListAsync(ct);
        return Of(years);
    }

    public static WorkingDayClock Of(IReadOnlyList<CalendarYear> years) =>
        new(years.SelectMany(y => y.Holidays), years.SelectMany(y => y.MakeUpWorkdays), years.Select(y => y.Year));

    public static void Set(ToleranceDecision d, WorkingDayClock clock, int workingDays)
    {
        var known = clock.TryDeadline(ChinaTime.Day(d.DecidedAt), workingDays, out var due, out var missing);
        d.StatementDueOn = known ? due : null;
        d.CalendarMissingFor = known ? null : missing;
    }
}
