namespace Supervision.Api.Features.Rankings;

/// <summary>评议结果 as a spreadsheet: only a published ranking, the one the public endpoint already releases
/// (ratings released in groups of k); a draft or a single rating never leaves through an export.</summary>
public static class RankingExport
{
    public static RouteGroupBuilder MapRankingExport(this RouteGroupBuilder rankings)
    {
        rankings.MapGet("/{period}/export", Export).AllowAnonymous().WithSummary("导出评议结果 One published ranking as xlsx (public)");
        return rankings;
    }

    static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Export(string period, SupervisionDb db, CancellationToken ct)
    {
        if (!Period.TryParse(period, out _)) return Problems.BadPeriod();
        var ranking = await db.Rankings.AsNoTracking().FirstOrDefaultAsync(r => r.Period == period, ct);
        if (ranking is null) return Problems.NotFound("Not published.", $"No ranking of {period} has been published.");
        return await XlsxExport.WriteAsync(ranking.Agencies, Columns, $"{period}评议结果", $"ranking-{period}.xlsx", ct);
    }

    static readonly XlsxColumn<RankedAgency>[] Columns =
    [
        new("执法单位", a => a.AgencyCode), new("排名", a => a.Rank?.ToString() ?? "样本不足，不排名"), new("评价数", a => a.Ratings),
        new("平均分", a => a.Mean), new("调整均分", a => a.AdjustedMean), new("95%区间下限", a => a.Low), new("95%区间上限", a => a.High),
    ];
}
