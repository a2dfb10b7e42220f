using Messaging;
using Microsoft.EntityFrameworkCore;
using Tolerance.Api.Data;
using Tolerance.Contracts;

namespace Tolerance.Api.Features.Deciding;

/// <summary>Revokes conditional decisions whose rectification was not confirmed by the deadline, and
/// raises <see cref="ToleranceDecisionRevoked"/> once each: called by a Dapr cron binding on
/// Kubernetes (OPTIONS once, then POST each tick) and by an in-process timer elsewhere; racing
/// replicas skip each other's locked rows.</summary>
public static class RevocationSweep
{
    public const string Route = "/sweeps/conditional-decisions";
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static WebApplication MapRevocationSweep(this WebApplication app)
    {
        app.MapMethods(Route, ["OPTIONS"], () => TypedResults.Ok()).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Route, async (ToleranceDb db, TimeProvider clock, CancellationToken ct) => TypedResults.Ok(new { revoked = await RunAsync(db, clock, ct) }))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static async Task<int> RunAsync(ToleranceDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(China).DateTime);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lapsed = await db.Decisions
            .FromSql($"SELECT * FROM decisions WHERE status = 'Active' AND rectified_at IS NULL AND condition_deadline < {today} ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var d in lapsed)
        {
            d.Status = DecisionStatus.Revoked;
            d.RevokedAt = now;
            db.EnqueueEvent(new ToleranceDecisionRevoked(d.Id, d.FilingNo, d.FindingIndex, d.CreditCode, d.AgencyCode, d.ConditionDeadline!.Value, now), clock);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return lapsed.Count;
    }
}

/// <summary>Runs the sweep where no Dapr sidecar triggers it (<c>Sweeps:InProcess</c>, on by default).</summary>
sealed class InProcessRevocationSweep(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<InProcessRevocationSweep> logger) : BackgroundService
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
                var revoked = await RevocationSweep.RunAsync(scope.ServiceProvider.GetRequiredService<ToleranceDb>(), clock, stoppingToken);
                if (revoked > 0) logger.LogInformation("Revoked {Count} conditional decisions", revoked);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Revocation sweep failed; it runs again at the next tick");
            }
            await Task.Delay(every, stoppingToken);
        }
    }
}
