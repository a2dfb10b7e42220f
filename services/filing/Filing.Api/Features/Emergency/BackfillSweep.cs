using Filing.Api.Data;
using Filing.Contracts;
using Messaging;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults;

namespace Filing.Api.Features.Emergency;

/// <summary>Raises <see cref="BackfillOverdue"/> once for every emergency whose written filing is
/// late; run as a <see cref="Sweep"/> (Dapr cron binding or in-process timer). Claimed rows are locked and skipped by a racing replica, and
/// marked in the same transaction as the event, so each alert is raised once.</summary>
public static class BackfillSweep
{
    public const string Route = "/sweeps/backfill-overdue";

    public static async Task<int> RunAsync(FilingDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Day(now);
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
