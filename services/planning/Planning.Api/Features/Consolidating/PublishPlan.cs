using Planning.Api.Features.Registry;
using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Consolidating;

/// <summary>Optional: how much of each visit's date the public plan shows (default the day).</summary>
public sealed record PublishPlanRequest(PlanDetail? PublicDetail);

/// <summary>Publishing makes a reviewed run the period's plan: <see cref="PlanPublished"/> and one
/// <see cref="JointInspectionScheduled"/> per visit (solo ones flagged), all in one transaction with
/// the status change. Publishing the same run again publishes nothing new.</summary>
public static class PublishPlan
{
    public static RouteGroupBuilder MapPublishPlan(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/publish", Publish).RequireAuthorization(Roles.Office).WithSummary("发布计划清单 Publish a run as the period's plan (office)");
        return group;
    }

    static async Task<Results<Ok<ConsolidationSummary>, ValidationProblem, ProblemHttpResult>> Publish(string period, Guid id, PublishPlanRequest? request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        if (request?.PublicDetail is { } detail && !Enum.IsDefined(detail))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["publicDetail"] = ["Day or Month."] });
        var run = await db.Consolidations.FirstOrDefaultAsync(c => c.Id == id && c.Period == period, ct);
        if (run is null) return Problems.NotFound("No such consolidation.", $"Period {period} has no run {id}.");
        if (run.Status == ConsolidationStatus.Published) return TypedResults.Ok(ConsolidationSummary.From(run));
        if (run.Status == ConsolidationStatus.Superseded || await db.Consolidations.AnyAsync(c => c.Period == period && c.Status == ConsolidationStatus.Published, ct))
            return Problems.Conflict("The period already has a published plan.", "A published plan is fixed and public; it is not replaced.");

        // The run saw the declarations as they were: one amended or withdrawn since must be consolidated again.
        var changed = (await db.Declarations.Where(d => d.Period == period && (d.AmendedAt >= run.RanAt || d.WithdrawnAt >= run.RanAt)).Select(d => d.Id).ToListAsync(ct))
            .Concat(await db.Cancellations.Where(c => c.Period == period && c.CancelledAt >= run.RanAt).Select(c => c.DeclarationId).ToListAsync(ct))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (changed.Count > 0)
            return Problems.Conflict("Declarations changed after the run.", $"{string.Join(", ", changed)} changed after this run; consolidate the period again.");

        var now = clock.GetUtcNow();
        run.Status = ConsolidationStatus.Published;
        run.PublishedAt = now;
        run.PublishedBy = actor.Subject;
        run.PublicDetail = request?.PublicDetail ?? PlanDetail.Day;
        foreach (var other in await db.Consolidations.Where(c => c.Period == period && c.Id != id && c.Status == ConsolidationStatus.Draft).ToListAsync(ct))
            other.Status = ConsolidationStatus.Superseded;

        var taken = run.Result.Decisions.Select(d => d.DeclarationId).Distinct().ToList();
        foreach (var declaration in await db.Declarations.Where(d => taken.Contains(d.Id)).ToListAsync(ct))
            declaration.PublishedIn = new PublishedIn(run.Id, null, now);

        db.EnqueueEvent(Published(run, now), clock);
        var names = await NamesAsync(db, ct);
        foreach (var visit in run.Result.Visits)
            db.EnqueueEvent(Scheduled(period, visit, names, now), clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("Declarations changed after the run.", "A declaration of the run was amended or withdrawn at the same moment; consolidate the period again.");
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another run of the period was published at the same moment (a unique index guards it).
            return Problems.Conflict("The period already has a published plan.", "Another run was published at the same time.");
        }
        return TypedResults.Ok(ConsolidationSummary.From(run));
    }

    public sealed record Names(IReadOnlyDictionary<string, string> Agencies, IReadOnlyDictionary<string, string> Matters, IReadOnlyDictionary<string, string> Enterprises);

    public static async Task<Names> NamesAsync(PlanningDb db, CancellationToken ct) => new(
        await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct),
        (await Matters.CurrentAsync(db, ct)).ToDictionary(m => m.Code, m => m.Name),
        await db.Enterprises.AsNoTracking().ToDictionaryAsync(e => e.CreditCode, e => e.Name, ct));

    internal static PlanPublished Published(ConsolidationRun run, DateTimeOffset publishedAt)
    {
        var f = run.Result.Figures;
        return new(run.Period, run.Id, f.DeclaredVisits, f.Visits, f.JointVisits, f.SoloVisits, f.ReductionRate, f.MergeableShareOfMatters, f.LowerBound, publishedAt)
        {
            CancelledItems = f.CancelledItems,
            ReductionByMerging = f.ReductionByMerging,
            ReductionByCancelling = f.ReductionByCancelling,
        };
    }

    internal static JointInspectionScheduled Scheduled(string period, PlannedVisit visit, Names names, DateTimeOffset now) => new(
        visit.VisitId, period, visit.CreditCode, names.Enterprises.GetValueOrDefault(visit.CreditCode, visit.CreditCode), visit.Day,
        visit.Items.Max(i => i.From), visit.Items.Min(i => i.To), visit.Kind == VisitKind.Solo, visit.LeadAgency,
        visit.Agencies.Select(a => new ScheduledAgency(a, names.Agencies.GetValueOrDefault(a, a))).ToList(),
        visit.Items.Select(i => new ScheduledMatter(i.MatterCode, names.Matters.GetValueOrDefault(i.MatterCode, i.MatterCode), i.AgencyCode, i.Mergeable, i.MandateLevel, i.Declarations)).ToList(),
        now);
}
