using Filing.Api.Features.Filing;
using Filing.Api.Features.Recording;
using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Cancelling;

public sealed record CancelRequest(string? Reason);

public sealed record RescheduleRequest(DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, string? Reason);

/// <summary>Plans change: the filing agency cancels a filing, or moves it to a new window, before the
/// inspection starts, each time with a reason. A cancelled filing is revoked at the gate and no longer
/// counts toward the yearly cap; a moved one is checked like a new filing (the plan's window, the
/// enterprise's quiet days, the inspectors' certificates, the cap of a new year). The history stays: the
/// cancellation and each earlier window are kept on the filing, never overwritten.</summary>
public static class CancelOrReschedule
{
    public static RouteGroupBuilder MapFilingChanges(this RouteGroupBuilder group)
    {
        group.MapPost("/{filingNo}/cancel", Cancel).RequireAuthorization(Roles.Agency).WithSummary("撤销备案 Cancel a filing before the inspection starts, with a reason (the filing agency)");
        group.MapPost("/{filingNo}/reschedule", Reschedule).RequireAuthorization(Roles.Agency).WithSummary("变更检查时间 Move a filing to a new window before it starts, with a reason (the filing agency)");
        return group;
    }

    static ProblemHttpResult NotLead(string lead) => Problems.Forbidden($"Only {lead}, which filed it, cancels or reschedules it.");

    static async Task<Results<Ok<FilingResponse>, ValidationProblem, ProblemHttpResult>> Cancel(
        string filingNo, CancelRequest r, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (filing, problem) = await RecordInspection.FindOwnAsync(db, filingNo, actor, NotLead, ct);
        if (problem is not null) return problem;
        if (!NotStarted(filing!.Status))
            return Problems.Conflict("Only a filing whose inspection has not started can be cancelled.", $"It is {filing.Status}.");
        var v = new Validation().Text("reason", r.Reason, 500, min: 4);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        Revoke(db, filing, r.Reason!.Trim(), actor.Subject, clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(FilingResponse.From(filing));
    }

    /// <summary>Whether the inspection has not started yet, so the filing may still be cancelled.</summary>
    internal static bool NotStarted(FilingStatus status) => status is FilingStatus.Filed or FilingStatus.AwaitingConfirmation;

    /// <summary>Cancels a filing whose inspection has not started: revoked at the gate, no longer counted
    /// toward the yearly cap, and <see cref="FilingCancelled"/> tells the others. The caller saves.</summary>
    internal static void Revoke(FilingDb db, InspectionFiling filing, string reason, string by, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        filing.Status = FilingStatus.Revoked;
        filing.CancelledAt = now;
        filing.CancelledBy = by;
        filing.CancellationReason = reason;
        db.EnqueueEvent(new FilingCancelled(filing.FilingNo, filing.JointId, filing.CreditCode, filing.LeadAgency,
            filing.Agencies.Select(a => a.AgencyCode).ToList(), filing.WindowStart, filing.WindowEnd, reason, now), clock);
    }

    static async Task<Results<Ok<FilingResponse>, ValidationProblem, ProblemHttpResult>> Reschedule(
        string filingNo, RescheduleRequest r, FilingDb db, Actor actor, TimeProvider clock, IOptions<FilingOptions> options, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (filing, problem) = await RecordInspection.FindOwnAsync(db, filingNo, actor, NotLead, ct);
        if (problem is not null) return problem;
        // Participants confirmed an unplanned inspection for its window: a new window needs a new filing.
        if (filing!.Status != FilingStatus.Filed)
            return Problems.Conflict("Only a filed inspection that has not started can be rescheduled.", $"It is {filing.Status}.");
        var now = clock.GetUtcNow();
        var v = new Validation();
        FileInspection.FiledWindow(v, r.WindowStart, r.WindowEnd, now);
        v.Text("reason", r.Reason, 500, min: 4);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var (start, end) = (r.WindowStart!.Value.ToUniversalTime(), r.WindowEnd!.Value.ToUniversalTime());
        problem = await NewWindowProblemAsync(db, filing, start, end, options.Value, ct);
        if (problem is not null) return problem;
        // Moved into another year past a cap the office allows with an alert: the alert is raised, once a filing.
        var overCap = Day(start).Year == Day(filing.WindowStart).Year ? []
            : await FileInspection.OverYearlyCapAsync(db, filing.CreditCode, filing.Matters, Day(start).Year, ct);

        filing.Reschedules = [.. filing.Reschedules, new FilingReschedule(filing.WindowStart, filing.WindowEnd, start, end, r.Reason!.Trim(), now, actor.Subject)];
        db.EnqueueEvent(new FilingRescheduled(filing.FilingNo, filing.JointId, filing.CreditCode, filing.LeadAgency, start, end,
            filing.WindowStart, filing.WindowEnd, r.Reason.Trim(), now), clock);
        filing.WindowStart = start;
        filing.WindowEnd = end;
        if (overCap.Count > 0 && !await db.YearlyCapAlerts.AnyAsync(a => a.FilingNo == filing.FilingNo, ct))
            Alerts.YearlyCapAlerts.Raise(db, filing, overCap, now, clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(FilingResponse.From(filing));
    }

    /// <summary>Why the new window is refused, checked as a filing's window is: inside the visit's window,
    /// outside the enterprise's quiet days, every inspector certified on its days, and, moved into another
    /// year, within that year's cap.</summary>
    static async Task<ProblemHttpResult?> NewWindowProblemAsync(FilingDb db, InspectionFiling filing, DateTimeOffset start, DateTimeOffset end, FilingOptions options, CancellationToken ct)
    {
        if (filing.JointId is not null && await db.Visits.AsNoTracking().FirstOrDefaultAsync(x => x.JointId == filing.JointId, ct) is { } visit
            && FileInspection.OutsideVisitWindow(visit, start, end) is { } outside)
            return outside;
        if (await FileInspection.LeftTheParkAsync(db, filing.CreditCode, end, ct) is { } left) return left;
        if (await FileInspection.QuietPeriodAsync(db, filing.CreditCode, start, end, ct) is { } quiet) return quiet;
        var participants = filing.Agencies.Select(a => a.AgencyCode).ToList();
        var inspectors = filing.Inspectors.Select(i => (InspectorRequest?)new InspectorRequest(i.Name, i.CertificateNo, i.AgencyCode)).ToList();
        var errors = RosterChecks.Check("inspectors", inspectors, participants, await RosterChecks.RostersAsync(db, participants, ct), Day(start), Day(end));
        if (errors.Count > 0) return Problems.Unprocessable(RosterChecks.Title, errors);
        if (Day(start).Year != Day(filing.WindowStart).Year && !options.AcceptOverCapWithAlert
            && await FileInspection.OverYearlyCapAsync(db, filing.CreditCode, filing.Matters, Day(start).Year, ct) is { Count: > 0 } overCap)
            return Problems.Unprocessable("The yearly cap of inspections at this enterprise is reached.",
                new Dictionary<string, string[]> { ["windowStart"] = [.. overCap.Select(c => $"{c}: the enterprise has had its allowed inspections of this matter this year.")] });
        return null;
    }
}
