using Planning.Api.Features.WorkingCalendar;
using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Consolidating;

public sealed record MoveVisitRequest(DateOnly? Day);

public sealed record SplitVisitRequest(string? AgencyCode);

/// <summary>Before publishing, the office may move a visit to another allowed day inside every
/// carried window, or split an agency out of a joint visit. Each adjustment is recorded with who
/// made it, and the figures follow.</summary>
public static class ReviewConsolidation
{
    public static RouteGroupBuilder MapConsolidationReview(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/visits/{visitId}/move", Move).RequireAuthorization(Roles.Office).WithSummary("调整检查日期 Move a visit to another day (office)");
        group.MapPost("/{id:guid}/visits/{visitId}/split", Split).RequireAuthorization(Roles.Office).WithSummary("拆分联合检查 Split an agency out of a joint visit (office)");
        group.MapPost("/{id:guid}/visits/{visitId}/pin", Pin).RequireAuthorization(Roles.Office).WithSummary("锁定检查 Pin a visit: kept as it is when consolidating again (office)");
        return group;
    }

    static async Task<Results<Ok<ConsolidationDetail>, ValidationProblem, ProblemHttpResult>> Move(
        string period, Guid id, string visitId, MoveVisitRequest request, PlanningDb db, Actor actor, CancellationToken ct)
    {
        if (request.Day is not { } day) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["day"] = ["The new day is required."] });
        var (run, visit, problem) = await FindDraftAsync(db, period, id, visitId, ct);
        if (problem is not null) return problem;
        if (run!.PinnedVisits.Contains(visitId)) return Problems.Conflict("The visit is pinned.", "A pinned visit stays as it is.");

        var from = visit!.Items.Max(i => i.From);
        var to = visit.Items.Min(i => i.To);
        var errors = new List<string>();
        if (day < from || day > to) errors.Add($"{day} is outside the window every carried matter allows ({from} to {to}).");
        var calendar = await MaintainCalendar.ForYearsAsync(db, [day.Year], ct);
        if (!calendar.IsWorkingDay(day)) errors.Add($"{day} is not a working day.");
        var enterprise = await db.Enterprises.AsNoTracking().FirstAsync(e => e.CreditCode == visit.CreditCode, ct);
        if (enterprise.QuietPeriods.Any(q => q.From <= day && day <= q.To)) errors.Add($"{day} falls in the enterprise's quiet period (无事不扰).");
        if (errors.Count > 0) return Problems.Unprocessable("The visit cannot move there.", new Dictionary<string, string[]> { ["day"] = [.. errors] });

        Replace(run!, visit, [visit with { Day = day }], $"{actor.Subject} moved {visit.VisitId} from {visit.Day} to {day}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RunConsolidation.Detail(run!));
    }

    static async Task<Results<Ok<ConsolidationDetail>, ValidationProblem, ProblemHttpResult>> Split(
        string period, Guid id, string visitId, SplitVisitRequest request, PlanningDb db, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.AgencyCode)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agencyCode"] = ["The agency to split out is required."] });
        var (run, visit, problem) = await FindDraftAsync(db, period, id, visitId, ct);
        if (problem is not null) return problem;
        if (run!.PinnedVisits.Contains(visitId)) return Problems.Conflict("The visit is pinned.", "A pinned visit stays as it is.");
        if (!visit!.Agencies.Contains(request.AgencyCode) || visit.Agencies.Count < 2)
            return Problems.Unprocessable("Nothing to split.", new Dictionary<string, string[]> { ["agencyCode"] = [$"{request.AgencyCode} is not one of several agencies in {visitId}."] });

        var leaving = visit.Items.Where(i => i.AgencyCode == request.AgencyCode).ToList();
        var staying = visit.Items.Except(leaving).ToList();
        var stayingAgencies = staying.Select(i => i.AgencyCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var remaining = visit with
        {
            Items = staying,
            Agencies = stayingAgencies,
            Kind = stayingAgencies.Count > 1 ? VisitKind.Joint : VisitKind.Solo,
            LeadAgency = stayingAgencies.Contains(visit.LeadAgency) ? visit.LeadAgency : stayingAgencies[0],
        };
        var split = new PlannedVisit($"{visit.VisitId}-{request.AgencyCode}", visit.CreditCode, visit.Day, VisitKind.Solo, request.AgencyCode, [request.AgencyCode], leaving);
        Replace(run!, visit, [remaining, split], $"{actor.Subject} split {request.AgencyCode} out of {visit.VisitId}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RunConsolidation.Detail(run!));
    }

    static async Task<(ConsolidationRun?, PlannedVisit?, ProblemHttpResult?)> FindDraftAsync(PlanningDb db, string period, Guid id, string visitId, CancellationToken ct)
    {
        var run = await db.Consolidations.FirstOrDefaultAsync(c => c.Id == id && c.Period == period, ct);
        if (run is null) return (null, null, Problems.NotFound("No such consolidation.", $"Period {period} has no run {id}."));
        if (run.Status != ConsolidationStatus.Draft) return (null, null, Problems.Conflict("The plan is already published.", "A published plan is fixed; run a new consolidation to change it."));
        var visit = run.Result.Visits.FirstOrDefault(v => v.VisitId == visitId);
        if (visit is null) return (null, null, Problems.NotFound("No such visit.", $"Run {id} has no visit {visitId}."));
        return (run, visit, null);
    }

    static async Task<Results<Ok<ConsolidationDetail>, ProblemHttpResult>> Pin(string period, Guid id, string visitId, PlanningDb db, Actor actor, CancellationToken ct)
    {
        var (run, visit, problem) = await FindDraftAsync(db, period, id, visitId, ct);
        if (problem is not null) return problem;
        if (!run!.PinnedVisits.Contains(visit!.VisitId))
        {
            run.PinnedVisits = [.. run.PinnedVisits, visit.VisitId];
            run.Adjustments = [.. run.Adjustments, $"{actor.Subject} pinned {visit.VisitId}"];
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(RunConsolidation.Detail(run));
    }

    static void Replace(ConsolidationRun run, PlannedVisit old, IReadOnlyList<PlannedVisit> replacements, string adjustment)
    {
        var visits = run.Result.Visits.Where(v => v != old).Concat(replacements)
            .OrderBy(v => v.CreditCode, StringComparer.Ordinal).ThenBy(v => v.Day).ThenBy(v => v.VisitId, StringComparer.Ordinal).ToList();
        var figures = run.Result.Figures;
        var joint = visits.Count(v => v.Kind == VisitKind.Joint);
        run.Result = run.Result with
        {
            Visits = visits,
            Figures = figures with
            {
                Visits = visits.Count,
                JointVisits = joint,
                SoloVisits = visits.Count - joint,
                ReductionRate = figures.DeclaredVisits == 0 ? 0 : Math.Round(1 - (double)visits.Count / figures.DeclaredVisits, 4),
                Gap = visits.Count - figures.LowerBound,
            },
        };
        run.Adjustments = [.. run.Adjustments, adjustment];
    }
}
