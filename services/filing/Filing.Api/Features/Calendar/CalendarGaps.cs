using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Calendar;

/// <summary>A year the office has not entered the working calendar of, and the emergencies whose written
/// filing's deadline waits for it.</summary>
public sealed record CalendarGap(int Year, IReadOnlyList<string> EmergenciesWaiting);

/// <summary>A missing working calendar is an error the office sees, not deadlines silently counted on
/// weekdays: the years this service needs (the current one, and every year an open deadline runs into)
/// that planning has not announced a calendar for.</summary>
public static class CalendarGaps
{
    public static RouteGroupBuilder MapCalendarGaps(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization().WithSummary("缺少工作日历的年份 Years without a working calendar, and the deadlines waiting for them (the office, leaders, agencies)");
        return group;
    }

    public static async Task<List<CalendarGap>> FindAsync(FilingDb db, DateOnly today, CancellationToken ct)
    {
        var known = await db.Calendar.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
        var waiting = await db.Emergencies.AsNoTracking().Where(e => e.CalendarMissingFor != null && e.BackfilledAt == null && e.WithdrawnAt == null)
            .OrderBy(e => e.ProvisionalNo).Select(e => new { Year = e.CalendarMissingFor!.Value, e.ProvisionalNo }).ToListAsync(ct);
        return [.. waiting.Select(w => w.Year).Append(today.Year).Distinct().Where(y => !known.Contains(y)).Order()
            .Select(y => new CalendarGap(y, [.. waiting.Where(w => w.Year == y).Select(w => w.ProvisionalNo)]))];
    }

    static async Task<Results<Ok<List<CalendarGap>>, ProblemHttpResult>> List(FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct) =>
        actor.IsIn(Roles.Enterprise) && !actor.IsIn(Roles.Office)
            ? Problems.Forbidden("Calendar gaps are for the office, leaders and agencies.")
            : TypedResults.Ok(await FindAsync(db, Day(clock.GetUtcNow()), ct));
}
