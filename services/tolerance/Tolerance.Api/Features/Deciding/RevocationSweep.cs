namespace Tolerance.Api.Features.Deciding;

/// <summary>Revokes conditional decisions whose rectification was not confirmed by the deadline, and
/// raises <see cref="ToleranceDecisionRevoked"/> once each; run as a <see cref="Sweep"/> (Dapr cron
/// binding or in-process timer); racing replicas skip each other's locked rows.</summary>
public static class RevocationSweep
{
    public const string Route = "/sweeps/conditional-decisions";

    public static IQueryable<ToleranceDecision> Lapsed(ToleranceDb db, SweepMoment at) =>
        db.Decisions.FromSql($"SELECT * FROM decisions WHERE status = {nameof(DecisionStatus.Active)} AND rectified_at IS NULL AND condition_deadline < {at.Today} ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED");

    public static void Revoke(ToleranceDb db, ToleranceDecision lapsed, SweepMoment at)
    {
        lapsed.Status = DecisionStatus.Revoked;
        lapsed.RevokedAt = at.Now;
        db.EnqueueEvent(new ToleranceDecisionRevoked(lapsed.Id, lapsed.FilingNo, lapsed.FindingIndex, lapsed.CreditCode, lapsed.AgencyCode, lapsed.ConditionDeadline!.Value, at.Now), at.Clock);
    }
}
