using Messaging;
using Microsoft.EntityFrameworkCore;
using Planning.Api.Data;
using Planning.Api.Features.Consolidating;
using Planning.Api.Features.Registry;
using Planning.Api.Features.Supplementing;
using Planning.Contracts;

namespace Planning.Api.Features.Resending;

/// <summary>Planning's reference data published again, each fact as the event that announced it and
/// with the revision it has now: the registry's agencies with their rosters, its enterprises, every
/// version of every matter, every year of the working calendar and every published plan with its visits.
/// The events carry whole state and a revision (agency and enterprise revision, matter version, calendar
/// version, plan publication time), and every consumer keeps the newest it has seen, so a service that
/// already holds them changes nothing and one that missed them ends with today's state. Staged in the
/// caller's transaction, published by the outbox.</summary>
public static class ResendReferenceData
{
    /// <summary>Stages the events in <paramref name="db"/>'s outbox; the caller saves. Returns how many.</summary>
    public static async Task<int> StageAsync(PlanningDb db, TimeProvider clock, CancellationToken ct)
    {
        var staged = 0;
        void Stage(object message)
        {
            db.EnqueueEvent(message, clock);
            staged++;
        }

        foreach (var agency in await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct))
            Stage(agency.Event());
        foreach (var e in await db.Enterprises.AsNoTracking().OrderBy(e => e.CreditCode).ToListAsync(ct))
        {
            // Registration tells when the enterprise was registered; a consumer that holds a later revision
            // keeps its data. The change then brings the revision the registry has now.
            Stage(new EnterpriseRegistered(e.CreditCode, e.Name, e.Zone, e.Industry, e.RiskLevel, e.QuietPeriods, e.RegisteredAt));
            if (e.Revision > 1)
                Stage(new EnterpriseChanged(e.CreditCode, e.Revision, e.Name, e.Zone, e.Industry, e.RiskLevel, e.QuietPeriods, e.ChangedAt ?? e.RegisteredAt));
            if (e.LeftOn is { } leftOn)
                Stage(new EnterpriseLeftThePark(e.CreditCode, e.Name, e.Revision, leftOn, e.LeftReason ?? "", e.ChangedAt ?? e.RegisteredAt));
        }
        foreach (var matter in await db.Matters.AsNoTracking().OrderBy(m => m.Code).ThenBy(m => m.Version).ToListAsync(ct))
            Stage(Matters.Event(matter));
        foreach (var year in await db.Calendar.AsNoTracking().OrderBy(c => c.Year).ToListAsync(ct))
            Stage(new WorkingCalendarChanged(year.Year, year.Version, year.Holidays, year.MakeUpWorkdays, year.ChangedAt));

        var plans = await db.Consolidations.AsNoTracking().Where(c => c.Status == ConsolidationStatus.Published).OrderBy(c => c.Period).ToListAsync(ct);
        if (plans.Count > 0)
        {
            var names = await PublishPlan.NamesAsync(db, ct);
            foreach (var run in plans)
            {
                // The publication's own time: consumers that hold this plan see nothing newer.
                var publishedAt = run.PublishedAt ?? run.RanAt;
                Stage(PublishPlan.Published(run, publishedAt));
                // The visits as the plan stands, supplements applied.
                foreach (var visit in (await PublishedPlan.LoadAsync(db, run.Period, ct))!.Standing)
                    Stage(PublishPlan.Scheduled(run.Period, visit, names, publishedAt));
            }
        }
        foreach (var c in await db.CancelledVisits.AsNoTracking().OrderBy(c => c.CancelledAt).ThenBy(c => c.JointId).ToListAsync(ct))
            Stage(new JointInspectionCancelled(c.JointId, c.Period, c.CreditCode, c.Day, c.Reason, c.CancelledAt));
        return staged;
    }
}

public static class ReferenceDataResends
{
    /// <summary>One <see cref="CoalescedResend"/> for the process: each round stages all the reference data in
    /// a transaction of its own. Its window runs on the machine's clock, not the service's (a test's clock
    /// that stands still must not hold the answer back).</summary>
    public static IServiceCollection AddReferenceDataResends(this IServiceCollection services) =>
        services.AddSingleton(sp => new CoalescedResend(async (seal, ct) =>
        {
            await using var scope = sp.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlanningDb>();
            var staged = await ResendReferenceData.StageAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
            seal();
            await db.SaveChangesAsync(ct);
            sp.GetRequiredService<ILogger<CoalescedResend>>().LogInformation("Reference data staged for publishing again: {Events} events", staged);
        }, TimeProvider.System));
}
