namespace Filing.Api.Features.Emergency;

/// <summary>Raises <see cref="BackfillOverdue"/> once for every emergency whose written filing is
/// late; run as a <see cref="Sweep"/> (Dapr cron binding or in-process timer), which claims the late
/// emergencies and marks them in the same transaction as the event, so each alert is raised once.</summary>
public static class BackfillSweep
{
    public const string Route = "/sweeps/backfill-overdue";

    public static IQueryable<EmergencyPreFiling> Late(FilingDb db, SweepMoment at) =>
        db.Emergencies.FromSql($"SELECT * FROM emergency_pre_filings WHERE backfilled_at IS NULL AND overdue_raised_at IS NULL AND withdrawn_at IS NULL AND backfill_deadline < {at.Today} ORDER BY provisional_no LIMIT 500 FOR UPDATE SKIP LOCKED");

    public static void Raise(FilingDb db, EmergencyPreFiling late, SweepMoment at)
    {
        late.OverdueRaisedAt = at.Now;
        db.EnqueueEvent(new BackfillOverdue(late.ProvisionalNo, late.AgencyCode, late.CreditCode, late.BackfillDeadline!.Value, at.Now), at.Clock);
    }
}
