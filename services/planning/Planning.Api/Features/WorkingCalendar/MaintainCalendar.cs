namespace Planning.Api.Features.WorkingCalendar;

public sealed record CalendarRequest(IReadOnlyList<DateOnly>? Holidays, IReadOnlyList<DateOnly>? MakeUpWorkdays);

public sealed record CalendarResponse(int Year, int Version, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> MakeUpWorkdays, DateTimeOffset ChangedAt);

/// <summary>The working calendar: each year's statutory holidays and make-up workdays, entered by
/// the office from the State Council's notice and published to every service's clock.</summary>
public static class MaintainCalendar
{
    public static RouteGroupBuilder MapWorkingCalendar(this RouteGroupBuilder group)
    {
        group.MapGet("/{year:int}", Get).AllowAnonymous().WithSummary("节假日安排 A year's holidays and make-up workdays (public)");
        group.MapPut("/{year:int}", Put).RequireAuthorization(Roles.Office).WithSummary("录入节假日安排 Enter a year's arrangement (office)");
        return group;
    }

    /// <summary>The calendar that the office has entered, for the given years.</summary>
    public static async Task<Domain.WorkingCalendar> ForYearsAsync(PlanningDb db, IEnumerable<int> years, CancellationToken ct)
    {
        var list = years.ToList();
        var rows = await db.Calendar.AsNoTracking().Where(c => list.Contains(c.Year)).ToListAsync(ct);
        return new Domain.WorkingCalendar(rows.SelectMany(r => r.Holidays), rows.SelectMany(r => r.MakeUpWorkdays));
    }

    static async Task<Results<Ok<CalendarResponse>, ProblemHttpResult>> Get(int year, PlanningDb db, CancellationToken ct)
    {
        var row = await db.Calendar.AsNoTracking().FirstOrDefaultAsync(c => c.Year == year, ct);
        return row is null
            ? Problems.NotFound("This year's arrangement is not entered yet.", $"The office has not entered the holidays of {year}; until it does, only weekends are rest days.")
            : TypedResults.Ok(new CalendarResponse(row.Year, row.Version, row.Holidays, row.MakeUpWorkdays, row.ChangedAt));
    }

    static async Task<Results<Ok<CalendarResponse>, ValidationProblem>> Put(int year, CalendarRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var holidays = request.Holidays ?? [];
        var makeUp = request.MakeUpWorkdays ?? [];
        var v = new Validation();
        v.Require(year is >= 2000 and <= 2100, "year", "A year between 2000 and 2100.");
        v.List("holidays", holidays, 0, 60, (path, day) => v.Require(day.Year == year, path, $"{day} is not in {year}."));
        v.List("makeUpWorkdays", makeUp, 0, 20, (path, day) =>
        {
            v.Require(day.Year == year, path, $"{day} is not in {year}.");
            v.Require(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, path, $"{day} is a weekday: a make-up workday falls on a weekend.");
            v.Require(!holidays.Contains(day), path, $"{day} is also listed as a holiday.");
        });
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var now = clock.GetUtcNow();
        var row = await db.Calendar.FirstOrDefaultAsync(c => c.Year == year, ct);
        if (row is null) db.Calendar.Add(row = new CalendarYear { Year = year, ChangedBy = actor.Subject });
        row.Version++;
        row.Holidays = holidays.Distinct().Order().ToList();
        row.MakeUpWorkdays = makeUp.Distinct().Order().ToList();
        row.ChangedAt = now;
        row.ChangedBy = actor.Subject;
        db.EnqueueEvent(new WorkingCalendarChanged(year, row.Version, row.Holidays, row.MakeUpWorkdays, now), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CalendarResponse(row.Year, row.Version, row.Holidays, row.MakeUpWorkdays, row.ChangedAt));
    }
}
