using Filing.Api.Data;
using Filing.Contracts;
using Messaging;
using Microsoft.EntityFrameworkCore;
using static Filing.Api.Features.Filing.FileInspection;

namespace Filing.Api.Features.Emergency;

/// <summary>Raises <see cref="BackfillOverdue"/> once for every emergency whose written filing is
/// late. On Kubernetes a Dapr cron binding calls it (OPTIONS once, then POST each tick); without a
/// sidecar an in-process timer does. Claimed rows are locked and skipped by a racing replica, and
/// marked in the same transaction as the event, so each alert is raised once.</summary>
public static class BackfillSweep
{
    public const string Route = "/sweeps/backfill-overdue";

    public static WebApplication MapBackfillSweep(this WebApplication app)
    {
        // Reached only inside the cluster (the gateway routes /api only): the sidecar has no token.
        app.MapMethods(Route, ["OPTIONS"], () => TypedResults.Ok()).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Route, async (FilingDb db, TimeProvider clock, CancellationToken ct) => TypedResults.Ok(new { raised = await RunAsync(db, clock, ct) }))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static async Task<int> RunAsync(FilingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Day(now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var late = await db.Emergencies
            .FromSql($"SELECT * FROM emergency_pre_filings WHERE backfilled_at IS NULL AND overdue_raised_at IS NULL AND backfill_deadline < {today} ORDER BY provisional_no LIMIT 500 FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var e in late)
        {
            e.OverdueRaisedAt = now;
            db.EnqueueEvent(new BackfillOverdue(e.ProvisionalNo, e.AgencyCode, e.CreditCode, e.BackfillDeadline!.Value, now), clock);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return late.Count;
    }
}

/// <summary>Runs the sweeps where no Dapr sidecar triggers them (<c>Sweeps:InProcess</c>, on by default).</summary>
sealed class InProcessSweeps(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<InProcessSweeps> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Sweeps:InProcess", true)) return;
        var every = configuration.GetValue("Sweeps:Every", TimeSpan.FromMinutes(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var raised = await BackfillSweep.RunAsync(scope.ServiceProvider.GetRequiredService<FilingDb>(), clock, stoppingToken);
                if (raised > 0) logger.LogInformation("Raised {Count} overdue backfills", raised);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Backfill sweep failed; it runs again at the next tick");
            }
            await Task.Delay(every, stoppingToken);
        }
    }
}
