namespace Planning.Api.Features.Seeding;

/// <summary>What every installation starts with, entered once into an empty registry: the county's
/// 17 enforcement agencies (<see cref="CountyAgencies"/>; the office adds and changes agencies later) and
/// the State Council's 2025 and 2026 holiday arrangements (later years are entered by the office as each
/// notice is published).</summary>
sealed class ReferenceData(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReferenceData> logger) : IHostedService
{
    // Seeded as the service starts: a database short of connections for a moment is waited for.
    public Task StartAsync(CancellationToken cancellationToken) => StartupRetry.RunAsync(SeedAsync, logger, "Reference data", cancellationToken);

    async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlanningDb>();
        var now = clock.GetUtcNow();
        if (!await db.Agencies.AnyAsync(cancellationToken))
            db.Agencies.AddRange(CountyAgencies.Initial.Select(a => new Agency { Code = a.Code, Name = a.Name, ChangedAt = now, ChangedBy = "reference-data" }));
        foreach (var (year, holidays, makeUp) in Arrangements())
        {
            if (await db.Calendar.AnyAsync(c => c.Year == year, cancellationToken)) continue;
            db.Calendar.Add(new CalendarYear { Year = year, Version = 1, Holidays = holidays, MakeUpWorkdays = makeUp, ChangedAt = now, ChangedBy = "reference-data" });
            db.EnqueueEvent(new WorkingCalendarChanged(year, 1, holidays, makeUp, now), clock);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another replica starting at the same moment entered it first.
            logger.LogInformation("Reference data skipped: another replica entered it first ({Reason})", e.InnerException?.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    static IEnumerable<(int Year, List<DateOnly> Holidays, List<DateOnly> MakeUp)> Arrangements()
    {
        static IEnumerable<DateOnly> Days(int y, int m, int d, int toM, int toD)
        {
            for (var day = new DateOnly(y, m, d); day <= new DateOnly(y, toM, toD); day = day.AddDays(1)) yield return day;
        }
        // 国务院办公厅关于2025年部分节假日安排的通知
        yield return (2025,
            [.. Days(2025, 1, 1, 1, 1), .. Days(2025, 1, 28, 2, 4), .. Days(2025, 4, 4, 4, 6), .. Days(2025, 5, 1, 5, 5), .. Days(2025, 5, 31, 6, 2), .. Days(2025, 10, 1, 10, 8)],
            [new(2025, 1, 26), new(2025, 2, 8), new(2025, 4, 27), new(2025, 9, 28), new(2025, 10, 11)]);
        // 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)
        yield return (2026,
            [.. Days(2026, 1, 1, 1, 3), .. Days(2026, 2, 15, 2, 23), .. Days(2026, 4, 4, 4, 6), .. Days(2026, 5, 1, 5, 5), .. Days(2026, 6, 19, 6, 21), .. Days(2026, 9, 25, 9, 27), .. Days(2026, 10, 1, 10, 7)],
            [new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10)]);
    }
}
