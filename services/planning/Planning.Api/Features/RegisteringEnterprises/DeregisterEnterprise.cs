using Persistence;
using Planning.Api.Features.Supplementing;

namespace Planning.Api.Features.RegisteringEnterprises;

public sealed record DeregisterEnterpriseRequest(DateOnly? LeftOn, string? Reason);

public sealed record DeregisteredResponse(EnterpriseResponse Enterprise, IReadOnlyList<string> CancelledVisits);

/// <summary>An enterprise leaves the park (deregistered from a day, with a reason): the visits of
/// published plans from that day on, and not already past, are cancelled with
/// <see cref="JointInspectionCancelled"/>, then <see cref="EnterpriseLeftThePark"/> follows. The
/// enterprise, its declarations, plans and ledger stay as history; nothing new may be declared for it
/// after it left.</summary>
public static class DeregisterEnterprise
{
    public static RouteGroupBuilder MapDeregisterEnterprise(this RouteGroupBuilder group)
    {
        group.MapPost("/{creditCode}/deregister", Handle).RequireAuthorization(Roles.Office)
            .WithSummary("企业迁出园区 An enterprise leaves the park: its future visits are cancelled (office)");
        return group;
    }

    static async Task<Results<Ok<DeregisteredResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string creditCode, DeregisterEnterpriseRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().CreditCode("creditCode", creditCode);
        v.Require(request.LeftOn is not null, "leftOn", "The first day the enterprise is no longer in the park.");
        v.Text("reason", request.Reason, 500);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One change of an enterprise at a time, as corrections do: revisions stay in order.
        await db.LockRowAsync((Enterprise e) => e.CreditCode, creditCode, ct);
        var enterprise = await db.Enterprises.FindAsync([creditCode], ct);
        if (enterprise is null) return Problems.NotFound("No such enterprise in the registry.", $"No enterprise has credit code {creditCode}.");
        if (enterprise.LeftOn is { } left) return Problems.Conflict("The enterprise has left the park.", $"{enterprise.Name} left the park on {left:yyyy-MM-dd}.");

        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        // Visits already past are history, whatever the day of leaving.
        var from = request.LeftOn!.Value > ChinaTime.Day(now) ? request.LeftOn.Value : ChinaTime.Day(now);
        var cancelled = new List<CancelledVisit>();
        foreach (var period in await db.Consolidations.AsNoTracking().Where(c => c.Status == ConsolidationStatus.Published).Select(c => c.Period).ToListAsync(ct))
        {
            var plan = await PublishedPlan.LoadAsync(db, period, ct);
            cancelled.AddRange(plan!.Standing.Where(visit => visit.CreditCode == creditCode && visit.Day >= from).Select(visit => new CancelledVisit
            {
                JointId = visit.VisitId, Period = period, CreditCode = creditCode, Day = visit.Day, Reason = $"企业迁出园区:{reason}", CancelledAt = now, CancelledBy = actor.Subject,
            }));
        }
        db.CancelledVisits.AddRange(cancelled);
        foreach (var visit in cancelled.OrderBy(c => c.Day).ThenBy(c => c.JointId, StringComparer.Ordinal))
            db.EnqueueEvent(new JointInspectionCancelled(visit.JointId, visit.Period, visit.CreditCode, visit.Day, visit.Reason, now), clock);

        enterprise.LeftOn = request.LeftOn;
        enterprise.LeftReason = reason;
        enterprise.Revision++;
        enterprise.ChangedAt = now;
        enterprise.ChangedBy = actor.Subject;
        db.EnqueueEvent(new EnterpriseLeftThePark(enterprise.CreditCode, enterprise.Name, enterprise.Revision, request.LeftOn.Value, reason, now), clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new DeregisteredResponse(EnterpriseResponse.From(enterprise), cancelled.Select(c => c.JointId).ToList()));
    }
}
