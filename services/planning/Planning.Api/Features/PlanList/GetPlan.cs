using Planning.Api.Features.Consolidating;
using Planning.Api.Features.Supplementing;
using Planning.Domain.Consolidation;

namespace Planning.Api.Features.PlanList;

/// <summary>A visit of the plan. <c>Day</c> is null where the office published the month only and the
/// reader is not an official. <c>Supplement</c>: the supplement that added the visit (null: the plan
/// itself); <c>ChangedBySupplement</c>: the last one that gave it more matters; <c>CancelledBecause</c>:
/// set when the visit will not take place (kept in the list as history).</summary>
public sealed record PlanVisit(int No, string JointId, string CreditCode, string EnterpriseName, DateOnly? Day, string Month, VisitKind Kind,
    string LeadAgency, string LeadAgencyName, IReadOnlyList<string> Agencies, IReadOnlyList<string> AgencyNames, IReadOnlyList<string> Matters, IReadOnlyList<string> MatterNames,
    int? Supplement, int? ChangedBySupplement, string? CancelledBecause);

public sealed record PlanSupplement(int Number, DateTimeOffset PublishedAt, int NewVisits, int ChangedVisits, int RodeInPublishedVisits, int CancelledItems);

public sealed record PlanResponse(string Period, DateTimeOffset PublishedAt, PlanDetail PublicDetail, ConsolidationFigures Figures, IReadOnlyList<PlanVisit> Visits,
    IReadOnlyList<PlanSupplement> Supplements);

/// <summary>The published plan (园区执法检查工作计划清单): public, one row per visit, as the office
/// prints and posts it; <c>?format=xlsx</c> gives the spreadsheet with Chinese headers.</summary>
public static class GetPlan
{
    public static RouteGroupBuilder MapPlanList(this RouteGroupBuilder group)
    {
        group.MapGet("/", Get).AllowAnonymous().WithSummary("园区执法检查工作计划清单 The period's published plan (public; ?format=xlsx)");
        return group;
    }

    static async Task<Results<Ok<PlanResponse>, FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Get(string period, string? format, PlanningDb db, Actor actor, CancellationToken ct)
    {
        if (format is not (null or "json" or "xlsx"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["json or xlsx."] });
        var plan = await PublishedPlan.LoadAsync(db, period, ct);
        if (plan is null) return Problems.NotFound("No published plan.", $"The plan of {period} is not published yet.");
        var run = plan.Run;

        var names = await PublishPlan.NamesAsync(db, ct);
        var days = run.PublicDetail == PlanDetail.Day || actor.IsOfficial;
        PlanVisit Row(CurrentVisit current, int index)
        {
            var v = current.Visit;
            return new PlanVisit(index + 1, v.VisitId, v.CreditCode, names.Enterprises.GetValueOrDefault(v.CreditCode, v.CreditCode),
                days ? v.Day : null, v.Day.ToString("yyyy-MM"), v.Kind,
                v.LeadAgency, names.Agencies.GetValueOrDefault(v.LeadAgency, v.LeadAgency), v.Agencies, v.Agencies.Select(a => names.Agencies.GetValueOrDefault(a, a)).ToList(),
                v.Items.Select(m => m.MatterCode).ToList(), v.Items.Select(m => names.Matters.GetValueOrDefault(m.MatterCode, m.MatterCode)).ToList(),
                current.AddedBy, current.ChangedBy, current.CancelledBecause);
        }
        var visits = plan.Visits.Select(Row).ToList();
        var supplements = plan.Supplements.Select(x => new PlanSupplement(x.Number!.Value, x.PublishedAt!.Value, x.Result.Figures.NewVisits, x.Result.Figures.ChangedVisits,
            x.Result.Figures.RodeInPublishedVisits, x.Result.Figures.CancelledItems)).ToList();
        if (format != "xlsx") return TypedResults.Ok(new PlanResponse(period, run.PublishedAt!.Value, run.PublicDetail, run.Result.Figures, visits, supplements));

        return await XlsxExport.WriteAsync(visits, Columns, $"{period}计划清单", $"park-inspection-plan-{period}.xlsx", ct);
    }

    static readonly XlsxColumn<PlanVisit>[] Columns =
    [
        new("序号", v => v.No), new("企业名称", v => v.EnterpriseName), new("统一社会信用代码", v => v.CreditCode),
        new("检查日期", v => v.Day?.ToString("yyyy-MM-dd") ?? v.Month), new("检查方式", v => v.Kind == VisitKind.Joint ? "联合检查" : "单独检查"),
        new("牵头单位", v => v.LeadAgencyName), new("参与单位", v => v.AgencyNames), new("检查事项", v => string.Join("；", v.MatterNames)),
        new("检查编号", v => v.JointId),
        new("来源", v => v.CancelledBecause is { } why ? $"已取消:{why}" : v.Supplement is { } n ? $"第{n}号补充计划" : v.ChangedBySupplement is { } m ? $"计划清单(第{m}号补充计划增加事项)" : "计划清单"),
    ];
}
