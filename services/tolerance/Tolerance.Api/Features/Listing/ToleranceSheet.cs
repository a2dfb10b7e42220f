using System.Globalization;

namespace Tolerance.Api.Features.Listing;

/// <summary>The tolerance list as the office keeps it: a spreadsheet with Chinese headers, imported
/// into the draft (all rows or none, errors named by row) and exported from any published version.</summary>
public static class ToleranceSheet
{
    // Its headers are not required here: a missing one is named by row, and the list's own validation
    // answers for the number of items, as it does for the list sent as JSON.
    static readonly XlsxForm Form = new("list", [], ToleranceItems.MaxItems) { CountedByCaller = true };

    static readonly Dictionary<string, ToleranceOutcome> Outcomes = new()
    {
        ["不予处罚"] = ToleranceOutcome.NoPenalty, ["不予实施行政强制措施"] = ToleranceOutcome.NoCompulsoryMeasure,
        ["减轻处罚"] = ToleranceOutcome.MitigatedPenalty, ["从轻处罚"] = ToleranceOutcome.LighterPenalty,
    };
    static readonly Dictionary<string, ListSource> Sources = new() { ["省"] = ListSource.Provincial, ["市"] = ListSource.Municipal, ["县"] = ListSource.County };
    static readonly Dictionary<string, RectificationRule> Rules = new() { ["无"] = RectificationRule.None, ["当场改正"] = RectificationRule.OnTheSpot, ["限期改正"] = RectificationRule.WithinDays };

    public static RouteGroupBuilder MapToleranceSheet(this RouteGroupBuilder group)
    {
        group.MapGet("/export", Export).AllowAnonymous().WithSummary("导出容错清单 The published list as xlsx (public)");
        group.MapPost("/import", Import).RequireAuthorization(Roles.Office).Accepts<IFormFile>(XlsxUpload.ContentType).WithSummary("导入容错清单 Replace the draft from xlsx (office)");
        return group;
    }

    static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(int? version, ToleranceDb db, CancellationToken ct)
    {
        var query = db.Lists.AsNoTracking().Where(l => l.Status == ListStatus.Published);
        var list = version is { } v ? await query.FirstOrDefaultAsync(l => l.Version == v, ct) : await query.OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
        if (list is null) return Problems.NotFound("No published tolerance list.", "Nothing to export.");
        return await XlsxExport.WriteAsync(list.Items, Columns, $"容错清单第{list.Version}版", $"tolerance-list-v{list.Version}.xlsx", ct);
    }

    static string Key<T>(Dictionary<string, T> map, T value) where T : struct, Enum => map.First(p => p.Value.Equals(value)).Key;

    static readonly XlsxColumn<ToleranceItem>[] Columns =
    [
        new("编号", i => i.Code), new("名称", i => i.Title), new("适用事项", i => i.MatterCode), new("处理方式", i => Key(Outcomes, i.Outcome)),
        new("清单来源", i => Key(Sources, i.Source)), new("法律依据", i => i.LegalBasis),
        new("首次违法期限（月）", i => i.FirstViolationWithinMonths?.ToString(CultureInfo.InvariantCulture) ?? ""),
        new("情节上限", i => i.MaxSeverity?.ToString(CultureInfo.InvariantCulture) ?? ""), new("改正要求", i => Key(Rules, i.Rectification)),
        new("改正期限（日）", i => i.RectificationDays?.ToString(CultureInfo.InvariantCulture) ?? ""), new("未造成危害后果", i => i.RequiresNoHarm),
        new("生效日期", i => i.EffectiveFrom), new("失效日期", i => i.EffectiveTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
    ];

    static async Task<Results<Ok<ListResponse>, ValidationProblem, ProblemHttpResult>> Import(HttpRequest request, ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var upload = await XlsxUpload.ReadAsync(request, Form, ct);
        if (upload.Refused is { } refused) return refused;
        if (upload.Invalid is { } unreadable) return unreadable;
        var rows = upload.Rows;

        var errors = new Dictionary<string, string[]>();
        var items = new List<ToleranceItem>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var name = $"rows[{i + 2}]";
            string Text(string header) => Convert.ToString(row.TryGetValue(header, out var value) ? value : null, CultureInfo.InvariantCulture)?.Trim() ?? "";
            int? Number(string header) => int.TryParse(Text(header), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            DateOnly? Date(string header) => row.TryGetValue(header, out var raw) && raw is DateTime dt ? DateOnly.FromDateTime(dt)
                : DateOnly.TryParse(Text(header), CultureInfo.InvariantCulture, out var d) ? d : null;
            if (!Outcomes.TryGetValue(Text("处理方式"), out var outcome)) errors[$"{name}.outcome"] = ["处理方式: 不予处罚、不予实施行政强制措施、减轻处罚 or 从轻处罚."];
            if (!Sources.TryGetValue(Text("清单来源"), out var source)) errors[$"{name}.source"] = ["清单来源: 省、市 or 县."];
            if (!Rules.TryGetValue(Text("改正要求"), out var rule)) errors[$"{name}.rectification"] = ["改正要求: 无、当场改正 or 限期改正."];
            if (Date("生效日期") is not { } from) errors[$"{name}.effectiveFrom"] = ["生效日期: a date such as 2026-01-01."];
            else items.Add(new ToleranceItem(Text("编号"), Text("名称"), Text("适用事项"), outcome, source, Text("法律依据"), Number("首次违法期限（月）"), Number("情节上限"),
                rule, Number("改正期限（日）"), Text("未造成危害后果") == "是", from, Date("失效日期")));
        }
        if (errors.Count == 0)
        {
            var v = ToleranceItems.Validate(items, i => $"rows[{i + 2}]");
            if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await ToleranceItems.SaveDraftAsync(items, db, actor, clock, ct));
    }
}
