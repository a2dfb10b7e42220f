namespace Supervision.Api.Features.Retaliation;

/// <summary>打击报复预警: after an enterprise's card against an agency, any new filing by that agency at
/// that enterprise, or any penalty it decides there, within the watch window
/// (<c>Supervision:RetaliationWatchMonths</c>, 6 by default) is flagged to the task force, once per
/// case and filing or decision. The flag is a prompt to look, not a finding.</summary>
public sealed class RetaliationWatch(SupervisionDb db, IOptions<SupervisionOptions> options, TimeProvider clock)
{
    int Months => options.Value.RetaliationWatchMonths;
    HashSet<string>? _neverReported;

    /// <summary>For a group of events: learns in one query which of these enterprises have ever put a
    /// card against an agency, so <see cref="CheckAsync"/> needs no query for the others (most).</summary>
    public async Task PrepareAsync(IReadOnlyCollection<string> creditCodes, CancellationToken ct)
    {
        var codes = creditCodes.Distinct().ToList();
        var complainants = await db.Cards.AsNoTracking()
            .Where(c => c.SubmitterCreditCode != null && codes.Contains(c.SubmitterCreditCode) && c.AgencyCode != null && c.Source != CardSource.BackfillOverdue)
            .Select(c => c.SubmitterCreditCode!).Distinct().ToListAsync(ct);
        _neverReported = [.. codes.Except(complainants)];
    }

    /// <param name="filingCancelledAt">When the filing was cancelled, if its cancellation arrived before it.</param>
    public async Task CheckAsync(IReadOnlyCollection<string> agencies, string creditCode, RetaliationTrigger trigger, string reference, bool planned, DateTimeOffset occurredAt,
        CancellationToken ct, DateTimeOffset? filingCancelledAt = null)
    {
        if (_neverReported?.Contains(creditCode) == true) return;
        var since = occurredAt.AddMonths(-Months);
        var watched = await db.Cases.AsNoTracking()
            .Where(c => c.Card.SubmitterCreditCode == creditCode && c.Card.AgencyCode != null && agencies.Contains(c.Card.AgencyCode)
                && c.Card.Source != CardSource.BackfillOverdue && c.Card.SubmittedAt < occurredAt && c.Card.SubmittedAt >= since)
            .Select(c => new { c.Id, AgencyCode = c.Card.AgencyCode! })
            .ToListAsync(ct);
        if (watched.Count == 0) return;
        var ids = watched.Select(w => w.Id).ToList();
        var flagged = await db.RetaliationFlags.AsNoTracking().Where(f => ids.Contains(f.CaseId) && f.Reference == reference).Select(f => f.CaseId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var w in watched.Where(w => !flagged.Contains(w.Id)))
            db.RetaliationFlags.Add(new RetaliationFlag
            {
                Id = Guid.CreateVersion7(now), CaseId = w.Id, AgencyCode = w.AgencyCode, CreditCode = creditCode, Trigger = trigger,
                Reference = reference, Planned = planned, OccurredAt = occurredAt, RaisedAt = now, FilingCancelledAt = filingCancelledAt,
            });
    }
}
