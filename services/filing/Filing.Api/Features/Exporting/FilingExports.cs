using Filing.Api.Features.Emergency;
using Filing.Api.Features.Filing;
using Filing.Api.Features.Refusing;

namespace Filing.Api.Features.Exporting;

/// <summary>The office's ledgers as spreadsheets (备案台账, 拒检记录, 紧急备案): each beside its list, with the
/// list's filters and its reader's cut, every matching row and no page limit. The rows are the list's own
/// answers, so an export holds nothing its list would not show.</summary>
public static class FilingExports
{
    static readonly Dictionary<FilingStatus, string> Statuses = new()
    {
        [FilingStatus.Filed] = "已备案", [FilingStatus.Started] = "检查中", [FilingStatus.Completed] = "已完成",
        [FilingStatus.Revoked] = "已撤销", [FilingStatus.AwaitingConfirmation] = "待配合单位确认",
    };

    public static string StatusName(FilingStatus status) => Statuses[status];

    public static RouteGroupBuilder MapFilingRegister(this RouteGroupBuilder filings)
    {
        filings.MapGet("/export", Register).RequireAuthorization()
            .WithSummary("导出备案台账 The filing register as xlsx, with the list's filters and every matching filing (as the list: an agency its own, an enterprise its upcoming ones, the office all)");
        return filings;
    }

    public static RouteGroupBuilder MapRefusalExport(this RouteGroupBuilder refusals)
    {
        refusals.MapGet("/export", Refusals).RequireAuthorization().WithSummary("导出拒检记录 Refusals as xlsx, with the list's filters (an enterprise its own, the office all)");
        return refusals;
    }

    public static RouteGroupBuilder MapEmergencyExport(this RouteGroupBuilder emergencies)
    {
        emergencies.MapGet("/export", Emergencies).RequireAuthorization()
            .WithSummary("导出紧急备案 Emergency pre-filings with their written-filing deadlines and status as xlsx, with the list's filters");
        return emergencies;
    }

    static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Register(FilingDb db, Actor actor, TimeProvider clock,
        string? creditCode, string? agencyCode, FilingStatus? status, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var v = new Validation();
        var (query, forbidden) = FileInspection.Matching(db, actor, clock, v, creditCode, agencyCode, status, from, to);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = query!.OrderByDescending(f => f.FiledAt).ThenByDescending(f => f.FilingNo).AsAsyncEnumerable().Select(FilingResponse.From);
        return await XlsxExport.WriteAsync(rows, RegisterColumns, "备案台账", "filing-register.xlsx", ct);
    }

    static readonly XlsxColumn<FilingResponse>[] RegisterColumns =
    [
        new("备案编号", f => f.FilingNo), new("联合检查编号", f => f.JointId), new("企业名称", f => f.EnterpriseName), new("统一社会信用代码", f => f.CreditCode),
        new("牵头单位", f => f.LeadAgency), new("参与单位", f => f.Agencies.Select(a => a.Name)),
        new("检查事项", f => f.Matters.Select(m => $"{m.MatterCode} {m.Name}")), new("检查人员", f => f.Inspectors.Select(i => $"{i.Name}（{i.CertificateNo}）")),
        new("开始时间", f => f.WindowStart), new("结束时间", f => f.WindowEnd), new("状态", f => StatusName(f.Status)),
        new("计划外原因", f => f.UnplannedReason), new("超年度上限", f => f.OverYearlyCap), new("备案时间", f => f.FiledAt),
        new("撤销原因", f => f.Cancellation?.Reason), new("改期次数", f => f.Reschedules.Count),
    ];

    static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Refusals(FilingDb db, Actor actor,
        string? creditCode, string? agencyCode, CancellationToken ct)
    {
        var v = new Validation();
        var (query, forbidden) = ReportRefusal.Matching(db, actor, v, creditCode, agencyCode);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = query!.OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).AsAsyncEnumerable().Select(ReportRefusal.Response);
        return await XlsxExport.WriteAsync(rows, RefusalColumns, "拒检记录", "refusals.xlsx", ct);
    }

    static readonly XlsxColumn<RefusalResponse>[] RefusalColumns =
    [
        new("编号", r => r.Id), new("统一社会信用代码", r => r.CreditCode), new("执法单位", r => r.AgencyCode), new("出示的编码", r => r.CodeShown),
        new("情况说明", r => r.Description), new("发生时间", r => r.OccurredAt), new("反映时间", r => r.ReportedAt),
    ];

    static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Emergencies(FilingDb db, Actor actor,
        string? creditCode, string? agencyCode, DateOnly? day, CancellationToken ct)
    {
        var v = new Validation();
        var (query, forbidden) = EmergencyLookup.Matching(db, actor, v, creditCode, agencyCode, day);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var rows = query!.OrderByDescending(e => e.ApprovedAt).ThenByDescending(e => e.ProvisionalNo).AsAsyncEnumerable().Select(EmergencyResponse.From);
        return await XlsxExport.WriteAsync(rows, EmergencyColumns, "紧急备案", "emergency-pre-filings.xlsx", ct);
    }

    /// <summary>Where a pre-filing stands, in the words of the office's ledger.</summary>
    public static string EmergencyStatus(EmergencyResponse e) =>
        e.WithdrawnAt is not null ? "已撤回" : e.BackfilledAt is not null ? "已补报" : e.Overdue ? "逾期未补报" : e.EndedAt is not null ? "待补报" : "检查中";

    static readonly XlsxColumn<EmergencyResponse>[] EmergencyColumns =
    [
        new("临时编号", e => e.ProvisionalNo), new("执法单位", e => e.AgencyCode), new("企业名称", e => e.EnterpriseName), new("统一社会信用代码", e => e.CreditCode),
        new("批准人（分管负责人）", e => e.ApprovedBy), new("批准时间", e => e.ApprovedAt), new("事由", e => e.Reason),
        new("预计结束时间", e => e.ExpectedEndAt), new("结束时间", e => e.EndedAt), new("补报期限", e => e.BackfillDeadline),
        new("补报时间", e => e.BackfilledAt), new("状态", e => EmergencyStatus(e)), new("撤回原因", e => e.WithdrawalReason),
    ];
}
