using Tolerance.Contracts;

namespace Supervision.Api.Features.Indicators;

/// <summary><see cref="ReductionByMerging"/> and <see cref="ReductionByCancelling"/> add up to <see cref="ReductionRate"/>: the
/// visits saved by merging and by cancelling unnecessary items, each over the visits declared.</summary>
public sealed record PlanIndicators(int PlansPublished, int DeclaredVisits, int PlannedVisits, int PlannedJointVisits, int PlannedSoloVisits, double? ReductionRate, double? MergeableShareOfMatters,
    double? ReductionByMerging, double? ReductionByCancelling);

public sealed record InspectionIndicators(int Completed, int Joint, int Solo, int SoloYearBefore, double? SoloYearOnYearChange);

public sealed record FilingIndicators(int FiledBeforehand, int EmergencyPreFilings, int UnfiledReported, double? Coverage,
    int WrittenFilingsOnTime, int WrittenFilingsLate, int WrittenFilingsPending, double? OnTimeShare);

public sealed record ToleranceIndicators(int Decisions, int Tolerated, int ConditionallyTolerated, int NotTolerated, int Revoked, IReadOnlyDictionary<string, int> ByOutcome);

public sealed record CaseIndicators(int Opened, int Rejected, int Closed, int ClosedOnTime, double? ClosedOnTimeShare, int OpenPastDeadline, int OverdueFlags);

/// <summary>How many ratings the period holds, and the mean of those released (see <see cref="RatingRelease"/>).</summary>
public sealed record EvaluationIndicators(int Ratings, double? MeanScore);

/// <summary>The reform's indicators of one period, from this service's own read models only.</summary>
public sealed record IndicatorsResponse(string Period, DateOnly From, DateOnly To, PlanIndicators Plan, InspectionIndicators Inspections, FilingIndicators Filing,
    ToleranceIndicators Tolerance, CaseIndicators Cases, EvaluationIndicators Evaluations, DateTimeOffset ComputedAt);

/// <summary>Computes the indicators: 精简率 and mergeable share from the published plans; solo
/// inspections and their year-on-year change from completed inspections; filing coverage (inspections
/// filed beforehand among all that took place: filed, pre-filed in an emergency, reported unfiled);
/// on-time written filings of emergencies; tolerance decisions by outcome; cases closed by their deadline.</summary>
public static class ReformIndicators
{
    static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    public static async Task<IndicatorsResponse> ComputeAsync(SupervisionDb db, string period, DateOnly from, DateOnly to, DateTimeOffset now, int ratingThreshold, CancellationToken ct)
    {
        var (start, end) = (ChinaTime.StartOfDay(from), ChinaTime.StartOfDay(to.AddDays(1)));

        var year = from.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var plans = await db.Plans.AsNoTracking().Where(p => p.Period == period || (period == year && p.Period.StartsWith(year + "-"))).ToListAsync(ct);
        var declared = plans.Sum(p => p.DeclaredVisits);
        var planned = plans.Sum(p => p.Visits);
        double? rate = declared == 0 ? null : Math.Round(1 - (double)planned / declared, 4);
        // Each plan's cancelling share is of its own declared visits: weighted by them, the shares add up over a year's plans.
        double? byCancelling = declared == 0 ? null : Math.Round(plans.Sum(p => p.ReductionByCancelling * p.DeclaredVisits) / declared, 4);
        var plan = new PlanIndicators(plans.Count, declared, planned, plans.Sum(p => p.JointVisits), plans.Sum(p => p.SoloVisits),
            rate, plans.OrderByDescending(p => p.PublishedAt).FirstOrDefault()?.MergeableShareOfMatters,
            rate is { } r && byCancelling is { } c ? Math.Round(r - c, 4) : null, byCancelling);

        var completed = await CompletedAsync(db, start, end, ct);
        var before = await CompletedAsync(db, ChinaTime.StartOfDay(from.AddYears(-1)), ChinaTime.StartOfDay(to.AddYears(-1).AddDays(1)), ct);
        var solo = completed.Count(a => a.Distinct().Count() == 1);
        var soloBefore = before.Count(a => a.Distinct().Count() == 1);
        var inspections = new InspectionIndicators(completed.Count, completed.Count - solo, solo, soloBefore,
            soloBefore == 0 ? null : Math.Round((double)(solo - soloBefore) / soloBefore, 4));

        var emergencies = await db.Emergencies.AsNoTracking().Where(e => e.ApprovedAt >= start && e.ApprovedAt < end && e.WithdrawnAt == null).ToListAsync(ct);
        // An emergency completed by its written filing is an inspection, but one not filed beforehand.
        var filedBeforehand = await db.Inspections.AsNoTracking().CountAsync(i => i.CompletedAt >= start && i.CompletedAt < end && !i.Emergency, ct);
        var unfiled = await db.Cards.CountAsync(c => c.Source == CardSource.Refusal && c.SubmittedAt >= start && c.SubmittedAt < end, ct);
        var onTime = emergencies.Count(e => e.BackfilledOnTime == true);
        var late = emergencies.Count(e => e.BackfilledOnTime == false || (e.BackfilledAt is null && e.OverdueAt is not null));
        var filing = new FilingIndicators(filedBeforehand, emergencies.Count, unfiled, Share(filedBeforehand, filedBeforehand + emergencies.Count + unfiled),
            onTime, late, emergencies.Count - onTime - late, Share(onTime, onTime + late));

        var decisions = await db.Decisions.AsNoTracking().Where(d => d.DecidedAt >= start && d.DecidedAt < end && d.SupersededAt == null).ToListAsync(ct);
        var tolerance = new ToleranceIndicators(decisions.Count, decisions.Count(d => d.Kind == DecisionKind.Tolerated), decisions.Count(d => d.Kind == DecisionKind.ConditionallyTolerated),
            decisions.Count(d => d.Kind == DecisionKind.NotTolerated), decisions.Count(d => d.RevokedAt is not null),
            decisions.Where(d => d.Outcome is not null).GroupBy(d => d.Outcome!.Value.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));

        var today = ChinaTime.Day(now);
        var opened = await db.Cases.CountAsync(c => c.OpenedAt >= start && c.OpenedAt < end, ct);
        var rejected = await db.History.CountAsync(h => h.Action == nameof(CaseAction.Reject) && h.At >= start && h.At < end, ct);
        var closed = await db.Cases.AsNoTracking().Where(c => c.ClosedAt >= start && c.ClosedAt < end && c.State == CaseState.Closed)
            .Select(c => new { c.ResolvedAt, c.Deadline }).ToListAsync(ct);
        var closedOnTime = closed.Count(c => c.Deadline is { } d && c.ResolvedAt is { } r && ChinaTime.Day(r) <= d);
        var pastDeadline = await db.Cases.CountAsync(c => (c.State == CaseState.Assigned || c.State == CaseState.InProgress) && c.Deadline < today, ct);
        var flags = await db.OverdueFlags.CountAsync(f => f.RaisedAt >= start && f.RaisedAt < end, ct);
        var cases = new CaseIndicators(opened, rejected, closed.Count, closedOnTime, Share(closedOnTime, closed.Count), pastDeadline, flags);

        var rated = await RankingInputs.EvaluationsOfAsync(db, from, to, ct);
        // Agencies read these too: the mean is of the county's released ratings (per quarter, in groups of k), so that
        // no two periods or moments differ by one rating.
        var released = RatingRelease.ReleasedByQuarter(rated, r => r.CompletedOn, r => r.Evaluation.RatedAt, r => r.Evaluation.Id, ratingThreshold);
        var evaluations = new EvaluationIndicators(rated.Count, released.Count == 0 ? null : Math.Round(released.Average(r => r.Evaluation.Score), 4));

        return new IndicatorsResponse(period, from, to, plan, inspections, filing, tolerance, cases, evaluations, now);
    }

    static async Task<List<List<string>>> CompletedAsync(SupervisionDb db, DateTimeOffset start, DateTimeOffset end, CancellationToken ct) =>
        await db.Inspections.AsNoTracking().Where(i => i.CompletedAt >= start && i.CompletedAt < end).Select(i => i.Agencies).ToListAsync(ct);
}
