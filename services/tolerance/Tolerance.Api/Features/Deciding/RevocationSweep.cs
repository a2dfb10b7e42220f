using Messaging;
using ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Tolerance.Api.Data;
using Tolerance.Contracts;

namespace Tolerance.Api.Features.Deciding;

/// <summary>Revokes conditional decisions whose rectification was not confirmed by the deadline, and
/// raises <see cref="ToleranceDecisionRevoked"/> once each; run as a <see cref="Sweep"/> (Dapr cron
/// binding or in-process timer); racing replicas skip each other's locked rows.</summary>
public static class RevocationSweep
{
    public const string Route = "/sweeps/conditional-decisions";

    public static async Task<int> RunAsync(ToleranceDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Day(now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lapsed = await db.Decisions
            .FromSql($"SELECT * FROM decisions WHERE status = {nameof(DecisionStatus.Active)} AND rectified_at IS NULL AND condition_deadline < {today} ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED")
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
