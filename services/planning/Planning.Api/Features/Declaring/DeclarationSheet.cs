using System.Globalization;
using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Declaring;

public sealed record ImportResponse(int Declarations, IReadOnlyList<DeclarationResponse> Declared);

/// <summary>The office's form (园区执法计划申报表) as a spreadsheet with Chinese headers: an agency
/// uploads its filled form (one declaration a row; all rows or none), and declarations can be
/// downloaded in the same form.</summary>
public static class DeclarationSheet
{
    public static readonly string[] Headers = ["申报期间", "检查事项编码", "统一社会信用代码", "开始日期", "结束日期", "任务来源", "检查类别", "检查方式", "配合单位"];
    static readonly XlsxForm Form = new("form", Headers, MaxRows: 1000);

    static readonly Dictionary<string, MandateLevel> Levels = new()
    {
        ["中央"] = MandateLevel.Central, ["省"] = MandateLevel.Provincial, ["市"] = MandateLevel.Municipal, ["县"] = MandateLevel.County,
        ["中央要求"] = MandateLevel.Central, ["省级要求"] = MandateLevel.Provincial, ["市级要求"] = MandateLevel.Municipal, ["县级自主开展"] = MandateLevel.County,
    };

    static readonly Dictionary<string, InspectionCategory> Categories = new()
    {
        ["日常检查"] = InspectionCategory.Routine, ["专业性检查"] = InspectionCategory.Specialized, ["季节性检查"] = InspectionCategory.Seasonal,
        ["节假日检查"] = InspectionCategory.Holiday, ["综合性检查"] = InspectionCategory.Comprehensive,
    };

    public static RouteGroupBuilder MapDeclarationSheet(this RouteGroupBuilder group)
    {
        group.MapPost("/import", Import).RequireAuthorization(Roles.Agency).Accepts<IFormFile>(XlsxUpload.ContentType)
            .WithSummary("导入申报表 Upload the filled declaration form, xlsx (agency, for itself)");
        group.MapGet("/export", Export).RequireAuthorization().WithSummary("导出申报表 Declarations as the office's form, xlsx");
        return group;
    }

    static async Task<Results<Created<ImportResponse>, ValidationProblem, ProblemHttpResult>> Import(HttpRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var upload = await XlsxUpload.ReadAsync(request, Form, ct);
        if (upload.Refused is { } refused) return refused;
        if (upload.Invalid is { } unreadable) return unreadable;
        var rows = upload.Rows;

        var checks = await DeclarationChecks.LoadAsync(db, ct);
        var now = clock.GetUtcNow();
        var invalid = new Dictionary<string, string[]>();
        var unknown = new Dictionary<string, string[]>();
        var late = new Dictionary<string, string[]>();
        var declarations = new List<PlanDeclaration>();
        for (var i = 0; i < rows.Count; i++)
        {
            var prefix = $"rows[{i + 2}].";   // as the clerk sees it: row 1 holds the headers
            var (body, rowErrors) = Read(rows[i], prefix);
            foreach (var (k, e) in rowErrors) invalid[k] = e;
            if (body is null) continue;
            var outcome = await checks.PrepareAsync(body, actor, now, prefix, ct);
            if (outcome.Forbidden is { } why) return Problems.Forbidden($"Row {i + 2}: {why}");
            foreach (var (k, e) in outcome.Invalid ?? new Dictionary<string, string[]>()) invalid[k] = e;
            foreach (var (k, e) in outcome.Unknown ?? new Dictionary<string, string[]>()) unknown[k] = e;
            foreach (var (k, e) in outcome.Late ?? new Dictionary<string, string[]>()) late[k] = e;
            if (outcome.Declaration is { } declaration) declarations.Add(declaration);
        }
        if (invalid.Count > 0) return TypedResults.ValidationProblem(invalid);
        if (unknown.Count > 0) return Problems.Unprocessable("The form names what the registry does not know.", unknown);
        if (late.Count > 0) return Problems.Unprocessable("Declarations are closed.", late);

        db.Declarations.AddRange(declarations);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("Another declaration was saved at the same moment.", "Upload the form again.");
        }
        return TypedResults.Created("/api/planning/declarations", new ImportResponse(declarations.Count, declarations.Select(DeclarationResponse.From).ToList()));
    }

    static (DeclarePlanRequest? Body, Dictionary<string, string[]> Errors) Read(IDictionary<string, object?> row, string prefix)
    {
        var errors = new Dictionary<string, string[]>();
        string Text(string header) => Convert.ToString(row.TryGetValue(header, out var value) ? value : null, CultureInfo.InvariantCulture)?.Trim() ?? "";
        List<string> List(string header) => Text(header).Split(['、', ',', '，', ';', '；', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        DateOnly? Date(string header, string field)
        {
            var value = row.TryGetValue(header, out var raw) ? raw : null;
            if (value is DateTime dt) return DateOnly.FromDateTime(dt);
            if (DateOnly.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var day)) return day;
            errors[prefix + field] = [$"{header}: a date such as 2026-12-01."];
            return null;
        }

        var from = Date("开始日期", "windowFrom");
        var to = Date("结束日期", "windowTo");
        if (!Levels.TryGetValue(Text("任务来源"), out var level)) errors[prefix + "mandateLevel"] = ["任务来源: 中央、省、市 or 县."];
        if (!Categories.TryGetValue(Text("检查类别"), out var category)) errors[prefix + "category"] = ["检查类别: 日常检查、专业性检查、季节性检查、节假日检查 or 综合性检查."];
        if (errors.Count > 0) return (null, errors);
        return (new DeclarePlanRequest(Text("申报期间"), null, List("检查事项编码"), List("统一社会信用代码"), null, from, to, level, category, Text("检查方式"), List("配合单位")), errors);
    }

    static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(string? period, PlanningDb db, Actor actor, CancellationToken ct)
    {
        var query = db.Declarations.AsNoTracking();
        if (period is not null) query = query.Where(d => d.Period == period);
        if (actor.IsIn(Roles.Office)) { }
        else if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency) query = query.Where(d => d.AgencyCode == agency);
        else return Problems.Forbidden("Declarations are for the office and the declaring agency.");
        return await XlsxExport.WriteAsync(query.OrderBy(d => d.Id).AsAsyncEnumerable(), Columns, "园区执法计划申报表", $"plan-declarations-{period ?? "all"}.xlsx", ct);
    }

    static readonly Dictionary<MandateLevel, string> LevelNames = Levels.Where(l => l.Key.Length == 1 || l.Key == "中央").ToDictionary(l => l.Value, l => l.Key);
    static readonly Dictionary<InspectionCategory, string> CategoryNames = Categories.ToDictionary(c => c.Value, c => c.Key);

    /// <summary>The form's own columns, so that an exported sheet uploads again as it is.</summary>
    static readonly XlsxColumn<PlanDeclaration>[] Columns =
    [
        new("申报期间", d => d.Period), new("检查事项编码", d => d.MatterCodes), new("统一社会信用代码", d => d.CreditCodes),
        new("开始日期", d => d.WindowFrom), new("结束日期", d => d.WindowTo), new("任务来源", d => LevelNames[d.MandateLevel]),
        new("检查类别", d => CategoryNames[d.Category]), new("检查方式", d => d.Method), new("配合单位", d => d.CooperatingAgencies),
    ];
}
