using Persistence;
namespace Filing.Api.Features.Filing;

/// <summary>An unplanned inspection names other agencies only with their agreement: each of them confirms
/// it here, before its window starts, and the filing is filed (and announced) once all of them have. Until
/// then it awaits confirmation: the enterprise's verification does not show it valid and it cannot start;
/// a filing not confirmed by the start of its window never becomes valid, and the agency files again.</summary>
public static class ConfirmParticipation
{
    public static RouteGroupBuilder MapParticipation(this RouteGroupBuilder group)
    {
        group.MapGet("/awaiting-confirmation", Awaiting).RequireAuthorization(Roles.Agency)
            .WithSummary("待确认的检查 Other agencies' unplanned inspections that name this agency and await its confirmation, the soonest first, a page at a time");
        group.MapPost("/{filingNo}/confirm", Confirm).RequireAuthorization(Roles.Agency)
            .WithSummary("确认参加检查 Confirm taking part in another agency's unplanned inspection (a participating agency)");
        return group;
    }

    /// <summary>What the calling agency may still confirm: named, not yet confirmed by it, the window not started.</summary>
    /// <summary>The soonest first: what must be confirmed before it starts comes first.</summary>
    static async Task<Results<Ok<Page<FilingResponse>>, ValidationProblem>> Awaiting(FilingDb db, Actor actor, TimeProvider clock, string? after, int? limit, CancellationToken ct)
    {
        var v = new Validation().After(after, 40);
        var size = v.Limit(limit);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var (agency, now) = (actor.AgencyCode!, clock.GetUtcNow());
        var query = db.Filings.FromSql($"""
                SELECT * FROM filings WHERE status = {nameof(FilingStatus.AwaitingConfirmation)} AND lead_agency <> {agency}
                AND agencies @> jsonb_build_array(jsonb_build_object('agencyCode', {agency}))
                AND NOT confirmations @> jsonb_build_array(jsonb_build_object('agencyCode', {agency}))
                """).AsNoTracking().Where(f => f.WindowStart > now);
        if (after is not null)
        {
            var key = await query.Where(f => f.FilingNo == after).Select(f => new { f.WindowStart, f.FilingNo }).FirstOrDefaultAsync(ct);
            if (key is null) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = query.Where(f => f.WindowStart > key.WindowStart || (f.WindowStart == key.WindowStart && string.Compare(f.FilingNo, key.FilingNo) > 0));
        }
        return TypedResults.Ok(await query.OrderBy(f => f.WindowStart).ThenBy(f => f.FilingNo).PageAsync(size, f => f.FilingNo, FilingResponse.From, ct));
    }

    static async Task<Results<Ok<FilingResponse>, ProblemHttpResult>> Confirm(string filingNo, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The row is locked: the last two confirmations sent at once file it once, not twice.
        await db.LockRowAsync((InspectionFiling f) => f.FilingNo, filingNo, ct);
        var filing = await db.Filings.FirstOrDefaultAsync(f => f.FilingNo == filingNo, ct);
        var agency = actor.AgencyCode!;
        if (filing is null || !FileInspection.MayRead(actor, filing)) return Problems.NotFound("No such filing.", $"No filing {filingNo} that you may see.");
        if (filing.LeadAgency == agency) return Problems.Conflict("Nothing to confirm.", $"{agency} filed it and takes part by filing.");
        // Sent again after a lost answer: the confirmation made the first time.
        if (filing.Confirmations.Any(c => c.AgencyCode == agency)) return TypedResults.Ok(FilingResponse.From(filing));
        if (filing.Status != FilingStatus.AwaitingConfirmation) return Problems.Conflict("Nothing to confirm.", $"It is {filing.Status}.");
        var now = clock.GetUtcNow();
        if (now >= filing.WindowStart)
            return Problems.Conflict("Confirmed too late.", $"The window started at {filing.WindowStart:u}: the filing is not valid; the agency files again.");

        filing.Confirmations.Add(new ParticipantConfirmation(agency, now, actor.Subject));
        if (filing.Agencies.All(a => a.AgencyCode == filing.LeadAgency || filing.Confirmations.Any(c => c.AgencyCode == a.AgencyCode)))
        {
            filing.Status = FilingStatus.Filed;
            db.EnqueueEvent(FileInspection.Filed(filing, now), clock);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(FilingResponse.From(filing));
    }
}
