using Planning.Api.Features.Cancelling;
using Planning.Api.Features.Consolidating;
using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Supplementing;

public sealed record SupplementSummary(Guid Id, string Period, Guid ConsolidationId, ConsolidationStatus Status, int? Number, string AlgorithmVersion,
    SupplementFigures Figures, DateTimeOffset RanAt, DateTimeOffset? PublishedAt)
{
    public static SupplementSummary From(Supplement s) =>
        new(s.Id, s.Period, s.ConsolidationId, s.Status, s.Number, s.Result.AlgorithmVersion, s.Result.Figures, s.RanAt, s.PublishedAt);
}

public sealed record SupplementDetail(SupplementSummary Summary, IReadOnlyList<PlannedVisit> ChangedVisits, IReadOnlyList<PlannedVisit> NewVisits, IReadOnlyList<MergeDecision> Decisions)
{
    public static SupplementDetail From(Supplement s) => new(SupplementSummary.From(s), s.Result.ChangedVisits, s.Result.NewVisits, s.Result.Decisions);
}

/// <summary>补充计划: declarations made after the period's plan was published (and not withdrawn) are
/// consolidated against the plan as it stands, without moving any published visit, reviewed by the
/// office, and published as the next numbered supplement with its own events.</summary>
public static class Supplements
{
    public static RouteGroupBuilder MapSupplements(this RouteGroupBuilder group)
    {
        group.MapPost("/", Run).RequireAuthorization(Roles.Office).WithSummary("补充计划 Consolidate the declarations made since publication against the published plan (office)");
        group.MapGet("/", List).RequireAuthorization(Roles.Office).WithSummary("补充计划记录 The period's supplement runs (office)");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Roles.Office).WithSummary("补充计划结果 One supplement: changed and new visits, merge-decision log (office)");
        group.MapPost("/{id:guid}/publish", Publish).RequireAuthorization(Roles.Office).WithSummary("发布补充计划 Publish a supplement under the next number (office)");
        return group;
    }

    static async Task<Results<Created<SupplementDetail>, ValidationProblem, ProblemHttpResult>> Run(
        string period, PlanningDb db, Actor actor, TimeProvider clock, IOptions<ConsolidationOptions> options, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
        var plan = await PublishedPlan.LoadAsync(db, period, ct);
        if (plan is null) return Problems.Conflict("No published plan.", $"The plan of {period} is not published yet.");
        var pending = await db.Declarations.AsNoTracking().Where(d => d.Period == period && d.Status == DeclarationStatus.Declared && d.PublishedIn == null).ToListAsync(ct);
        if (pending.Count == 0)
            return Problems.Unprocessable("Nothing to supplement.", new Dictionary<string, string[]> { ["period"] = [$"No declaration of {period} waits for a supplement."] });

        var (items, quiet, calendar, _) = await RunConsolidation.DeclaredAsync(db, parsed, pending, ct);
        var input = new SupplementInput(parsed, plan.Standing.ToList(), items, quiet, calendar, plan.Run.MaxAgenciesPerJointVisit is > 0 and var k ? k : options.Value.MaxAgenciesPerJointVisit)
        {
            Cancelled = await CancelItems.ForPeriodAsync(db, period, ct),
        };
        var now = clock.GetUtcNow();
        var supplement = new Supplement
        {
            Id = Guid.CreateVersion7(now),
            Period = period,
            ConsolidationId = plan.Run.Id,
            Status = ConsolidationStatus.Draft,
            PublishedBefore = plan.Supplements.Count,
            Result = SupplementaryPlan.Run(input),
            RanAt = now,
            RanBy = actor.Subject,
        };
        db.Supplements.Add(supplement);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/planning/periods/{period}/supplements/{supplement.Id}", SupplementDetail.From(supplement));
    }

    static async Task<Ok<List<SupplementSummary>>> List(string period, PlanningDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Supplements.AsNoTracking().Where(s => s.Period == period).OrderByDescending(s => s.RanAt).ToListAsync(ct))
            .Select(SupplementSummary.From).ToList());

    static async Task<Results<Ok<SupplementDetail>, ProblemHttpResult>> Get(string period, Guid id, PlanningDb db, CancellationToken ct)
    {
        var supplement = await db.Supplements.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.Period == period, ct);
        return supplement is null ? Problems.NotFound("No such supplement.", $"Period {period} has no supplement run {id}.") : TypedResults.Ok(SupplementDetail.From(supplement));
    }

    static async Task<Results<Ok<SupplementDetail>, ProblemHttpResult>> Publish(string period, Guid id, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var supplement = await db.Supplements.FirstOrDefaultAsync(s => s.Id == id && s.Period == period, ct);
        if (supplement is null) return Problems.NotFound("No such supplement.", $"Period {period} has no supplement run {id}.");
        if (supplement.Status == ConsolidationStatus.Published) return TypedResults.Ok(SupplementDetail.From(supplement));
        var published = await db.Supplements.CountAsync(s => s.Period == period && s.Status == ConsolidationStatus.Published, ct);
        if (supplement.Status == ConsolidationStatus.Superseded || published != supplement.PublishedBefore)
            return Problems.Conflict("Another supplement was published since.", "This run no longer sees the plan as it stands; run the supplement again.");
        var taken = supplement.Result.Decisions.Select(d => d.DeclarationId).Distinct().ToList();
        var changed = (await db.Declarations.Where(d => d.Period == period && (d.AmendedAt >= supplement.RanAt || d.WithdrawnAt >= supplement.RanAt)).Select(d => d.Id).ToListAsync(ct))
            .Concat(await db.Cancellations.Where(c => c.Period == period && c.CancelledAt >= supplement.RanAt).Select(c => c.DeclarationId).ToListAsync(ct))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (changed.Count > 0)
            return Problems.Conflict("Declarations changed after the run.", $"{string.Join(", ", changed)} changed after this run; run the supplement again.");

        var now = clock.GetUtcNow();
        supplement.Status = ConsolidationStatus.Published;
        supplement.Number = published + 1;
        supplement.PublishedAt = now;
        supplement.PublishedBy = actor.Subject;
        foreach (var other in await db.Supplements.Where(s => s.Period == period && s.Id != id && s.Status == ConsolidationStatus.Draft).ToListAsync(ct))
            other.Status = ConsolidationStatus.Superseded;
        foreach (var declaration in await db.Declarations.Where(d => taken.Contains(d.Id)).ToListAsync(ct))
            declaration.PublishedIn = new PublishedIn(supplement.ConsolidationId, supplement.Number, now);

        var result = supplement.Result;
        db.EnqueueEvent(new PlanSupplemented(period, supplement.ConsolidationId, supplement.Id, supplement.Number.Value, result.Figures.DeclaredItems, result.Figures.CancelledItems,
            result.Figures.RodeInPublishedVisits, result.ChangedVisits.Select(v => v.VisitId).ToList(), result.NewVisits.Select(v => v.VisitId).ToList(), now), clock);
        var names = await PublishPlan.NamesAsync(db, ct);
        foreach (var visit in result.ChangedVisits.Concat(result.NewVisits))
            db.EnqueueEvent(PublishPlan.Scheduled(period, visit, names, now), clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            // Another supplement took the number, or a declaration changed, at the same moment.
            return Problems.Conflict("Another supplement was published since.", "This run no longer sees the plan as it stands; run the supplement again.");
        }
        return TypedResults.Ok(SupplementDetail.From(supplement));
    }
}
