using Persistence;
namespace Tolerance.Api.Features.Deciding;

public sealed record EvaluationRequest(string? CreditCode, string? MatterCode, DateOnly? FoundOn, int? Severity, bool? RectifiedOnTheSpot, DateOnly? RectificationDeadline, bool? HarmCaused);

/// <summary>A decision as its readers see it: the proposal (what the engine proposed and why), the
/// enterprise's statement and its answer, the review's verdict, and the decision once issued.</summary>
public sealed record DecisionResponse(Guid Id, string FilingNo, int FindingIndex, string CreditCode, string AgencyCode, string MatterCode, DecisionKind Kind,
    ToleranceOutcome? Outcome, DecisionKind ProposedKind, ToleranceOutcome? ProposedOutcome, string? ItemCode, int ListVersion, string? LegalBasis,
    DateOnly? ConditionDeadline, IReadOnlyList<ItemEvaluation> Evaluations, string ProposalReasoning, string Reasoning, DateTimeOffset DecidedAt, DecisionStatus Status,
    DateOnly? StatementDueOn, int? CalendarMissingFor, string? Statement, DateTimeOffset? StatedAt, string? Answer, DateTimeOffset? AnsweredAt,
    string? ReviewOpinion, bool Departed, DateTimeOffset? IssuedAt, DateTimeOffset? RectifiedAt, DateTimeOffset? RevokedAt,
    Guid? Supersedes, Guid? SupersededBy, DateTimeOffset? SupersededAt, string? CorrectionReason)
{
    public static DecisionResponse From(ToleranceDecision d) => new(d.Id, d.FilingNo, d.FindingIndex, d.CreditCode, d.AgencyCode, d.MatterCode, d.Kind, d.Outcome,
        d.ProposedKind, d.ProposedOutcome, d.ItemCode, d.ListVersion, d.LegalBasis, d.ConditionDeadline, d.Evaluations, d.ProposalReasoning, d.Reasoning, d.DecidedAt, d.Status,
        d.StatementDueOn, d.CalendarMissingFor, d.Statement, d.StatedAt, d.Answer, d.AnsweredAt, d.ReviewOpinion, d.Departed, d.IssuedAt, d.RectifiedAt, d.RevokedAt,
        d.Supersedes, d.SupersededBy, d.SupersededAt, d.CorrectionReason);
}

/// <summary>Decisions are read by the enterprise concerned, the agency whose finding it is, and the
/// office; an agency may also ask what the list would decide, without recording anything.</summary>
public static class Decisions
{
    public static RouteGroupBuilder MapDecisions(this RouteGroupBuilder group)
    {
        group.MapGet("/", List).RequireAuthorization().WithSummary("容错决定 Decisions, newest first, a page at a time, by period, agency, enterprise, kind or status: an enterprise its own, an agency on its findings, the office all");
        group.MapGet("/{id:guid}", One).RequireAuthorization().WithSummary("容错决定 One decision with its procedure: the proposal, the statement and its answer, the review and the decision");
        group.MapGet("/export", Export).RequireAuthorization().WithSummary("导出容错决定 Decisions as xlsx, with the list's filters and every matching decision (as the list)");
        group.MapPost("/{id:guid}/rectified", Rectified).RequireAuthorization(Roles.Agency).WithSummary("确认整改 Confirm the rectification a conditional decision awaits (the agency)");
        return group;
    }

    public static RouteGroupBuilder MapEvaluations(this RouteGroupBuilder group)
    {
        group.MapPost("/", Evaluate).RequireAuthorization(Roles.Agency).WithSummary("容错预评估 What the list would decide for a finding (agency; nothing recorded)");
        return group;
    }

    static async Task<Results<Ok<Page<DecisionResponse>>, ValidationProblem, ProblemHttpResult>> List(ToleranceDb db, Actor actor,
        string? period, string? agencyCode, string? creditCode, DecisionKind? kind, DecisionStatus? status, string? after, int? limit, CancellationToken ct)
    {
        var v = new Validation();
        var from = v.AfterId(after);
        var size = v.Limit(limit);
        var (query, forbidden) = Matching(db, actor, v, period, agencyCode, creditCode, kind, status);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (from is { } last)
        {
            // Keyset, newest first: the filing and the finding order decisions of one instant.
            var key = await query!.Where(d => d.Id == last).Select(d => new { d.DecidedAt, d.FilingNo, d.FindingIndex }).FirstOrDefaultAsync(ct);
            if (key is null) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = query!.Where(d => d.DecidedAt < key.DecidedAt || (d.DecidedAt == key.DecidedAt
                && (string.Compare(d.FilingNo, key.FilingNo) < 0 || (d.FilingNo == key.FilingNo && d.FindingIndex < key.FindingIndex))));
        }
        return TypedResults.Ok(await Ordered(query!).PageAsync(size, d => d.Id.ToString(), DecisionResponse.From, ct));
    }

    internal static IOrderedQueryable<ToleranceDecision> Ordered(IQueryable<ToleranceDecision> query) =>
        query.OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.FilingNo).ThenByDescending(d => d.FindingIndex);

    /// <summary>The decisions a reader may list, narrowed by the list's filters: the list's and its export's one rule.</summary>
    internal static (IQueryable<ToleranceDecision>? Query, ProblemHttpResult? Forbidden) Matching(ToleranceDb db, Actor actor, Validation v,
        string? period, string? agencyCode, string? creditCode, DecisionKind? kind, DecisionStatus? status)
    {
        var query = db.Decisions.AsNoTracking();
        if (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline)) { }
        else if (actor.IsIn(Roles.Agency)) query = query.Where(d => d.AgencyCode == actor.AgencyCode);
        else if (actor.IsIn(Roles.Enterprise)) query = query.Where(d => d.CreditCode == actor.CreditCode);
        else return (null, Problems.Forbidden("Decisions are for the enterprise, the agency and the office."));

        v.OptionalAgencyCode("agencyCode", agencyCode);
        if (creditCode is not null) v.CreditCode("creditCode", creditCode);
        Period? within = null;
        if (period is not null) v.Period("period", period, out within);

        if (agencyCode is not null) query = query.Where(d => d.AgencyCode == agencyCode);
        if (creditCode is not null) query = query.Where(d => d.CreditCode == creditCode);
        if (kind is { } k) query = query.Where(d => d.Kind == k);
        if (status is { } s) query = query.Where(d => d.Status == s);
        if (within is { } p)
        {
            var (start, stop) = (ChinaTime.StartOfDay(p.From), ChinaTime.StartOfDay(p.To.AddDays(1)));
            query = query.Where(d => d.DecidedAt >= start && d.DecidedAt < stop);
        }
        return (query, null);
    }

    static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> One(Guid id, ToleranceDb db, Actor actor, CancellationToken ct)
    {
        var d = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        var mayRead = d is not null && (actor.IsIn(Roles.Office) || actor.IsIn(Roles.Discipline)
            || (actor.IsIn(Roles.Agency) && d.AgencyCode == actor.AgencyCode) || (actor.IsIn(Roles.Enterprise) && d.CreditCode == actor.CreditCode));
        return mayRead ? TypedResults.Ok(DecisionResponse.From(d!)) : Problems.NotFound("No such decision.", $"No decision {id} that you may see.");
    }

    static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> Rectified(Guid id, ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        // The row is locked until this confirmation commits: a revocation sweep running at the same moment
        // either revoked it first (and this answers 409) or skips it (and finds it rectified next time).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockRowAsync((ToleranceDecision d) => d.Id, id, ct);
        var decision = await db.Decisions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decision is null || decision.AgencyCode != actor.AgencyCode) return Problems.NotFound("No such decision.", $"No decision {id} on your findings.");
        if (decision.Kind != DecisionKind.ConditionallyTolerated) return Problems.Conflict("Nothing awaits rectification.", "The decision is not conditional.");
        if (decision.Status == DecisionStatus.Revoked) return Problems.Conflict("Already revoked.", "The deadline passed before the rectification was confirmed.");
        if (decision.Status != DecisionStatus.Active) return Problems.Conflict("Not possible now.", "The decision has not been issued yet.");
        if (decision.RectifiedAt is null)
        {
            decision.RectifiedAt = clock.GetUtcNow();
            decision.RectifiedBy = actor.Subject;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok(DecisionResponse.From(decision));
    }

    static async Task<Results<Ok<Decision>, ValidationProblem>> Evaluate(EvaluationRequest r, ToleranceDb db, Actor actor, CancellationToken ct)
    {
        var v = new Validation();
        v.CreditCode("creditCode", r.CreditCode);
        v.Code("matterCode", r.MatterCode, what: "The matter of the finding: its catalog code.");
        v.Require(r.FoundOn is not null, "foundOn", "The day it was found.");
        v.Require(r.Severity is >= 1 and <= 5, "severity", "1 to 5.");
        v.Require(r.RectifiedOnTheSpot is not null, "rectifiedOnTheSpot", "Say whether it was corrected on the spot.");
        if (r.RectifiedOnTheSpot == false) v.Require(r.RectificationDeadline is not null, "rectificationDeadline", "The rectification deadline.");
        v.Require(r.HarmCaused is not null, "harmCaused", "Say whether it caused harm.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var list = await db.Lists.AsNoTracking().Where(l => l.Status == ListStatus.Published).OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
        var history = await db.Ledger.AsNoTracking().Where(l => l.CreditCode == r.CreditCode && l.MatterCode == r.MatterCode)
            .Select(l => new EarlierFinding(l.CreditCode, l.MatterCode, l.AgencyCode, l.FoundOn, l.FilingNo)).ToListAsync(ct);
        var facts = new FindingFacts(r.CreditCode!, r.MatterCode!, actor.AgencyCode!, r.FoundOn!.Value, r.Severity!.Value, r.RectifiedOnTheSpot!.Value, r.RectificationDeadline, r.HarmCaused!.Value);
        return TypedResults.Ok(DecisionEngine.Decide(facts, list?.Items ?? [], list?.Version ?? 0, history));
    }

    static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Export(ToleranceDb db, Actor actor,
        string? period, string? agencyCode, string? creditCode, DecisionKind? kind, DecisionStatus? status, CancellationToken ct)
    {
        var v = new Validation();
        var (query, forbidden) = Matching(db, actor, v, period, agencyCode, creditCode, kind, status);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        return await XlsxExport.WriteAsync(Ordered(query!).AsAsyncEnumerable().Select(DecisionResponse.From), Columns, "容错决定", $"tolerance-decisions-{period ?? "all"}.xlsx", ct);
    }

    static readonly Dictionary<DecisionKind, string> Kinds = new()
    {
        [DecisionKind.Tolerated] = "予以容错", [DecisionKind.ConditionallyTolerated] = "附条件容错", [DecisionKind.NotTolerated] = "不予容错",
    };
    static readonly Dictionary<ToleranceOutcome, string> Outcomes = new()
    {
        [ToleranceOutcome.NoPenalty] = "不予处罚", [ToleranceOutcome.NoCompulsoryMeasure] = "不予实施行政强制措施",
        [ToleranceOutcome.MitigatedPenalty] = "减轻处罚", [ToleranceOutcome.LighterPenalty] = "从轻处罚",
    };

    static readonly Dictionary<DecisionStatus, string> States = new()
    {
        [DecisionStatus.Proposed] = "拟决定，待陈述申辩", [DecisionStatus.Stated] = "企业已陈述申辩", [DecisionStatus.Answered] = "已答复，待法制审核",
        [DecisionStatus.Active] = "有效", [DecisionStatus.Revoked] = "已撤销", [DecisionStatus.Superseded] = "已被更正后的决定取代",
    };

    static readonly XlsxColumn<DecisionResponse>[] Columns =
    [
        new("决定编号", d => d.Id), new("备案编号", d => d.FilingNo), new("问题序号", d => d.FindingIndex), new("统一社会信用代码", d => d.CreditCode),
        new("执法单位", d => d.AgencyCode), new("检查事项", d => d.MatterCode), new("决定", d => Kinds[d.Kind]),
        new("处理方式", d => d.Outcome is { } o ? Outcomes[o] : null), new("容错清单条目", d => d.ItemCode), new("清单版本", d => d.ListVersion),
        new("法律依据", d => d.LegalBasis), new("整改期限", d => d.ConditionDeadline), new("理由", d => d.Reasoning), new("决定时间", d => d.DecidedAt),
        new("状态", d => States[d.Status]), new("整改确认时间", d => d.RectifiedAt), new("撤销时间", d => d.RevokedAt),
    ];
}
