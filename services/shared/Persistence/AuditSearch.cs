using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults;

namespace Persistence;

/// <summary>The service's database, the one that holds its trail (registered with it).</summary>
public sealed record AuditedDatabase(DbContext Db);

/// <summary>An entry of the trail as the office and the task force read it.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, string Actor, string? Roles, string? Client, string? Address, string Via,
    IReadOnlyList<string>? Messages, JsonElement Changes)
{
    internal static AuditRecord From(AuditEntry e) =>
        new(e.Id, e.At, e.Actor, e.Roles, e.Client, e.Address, e.Via, e.Messages, JsonDocument.Parse(e.Changes).RootElement.Clone());
}

/// <summary>The office and the task force (纪检) search a service's 留痕 (who, what, which record,
/// when), a page at a time newest first, or take it away as a spreadsheet. Reading the trail leaves a
/// trail of its own: who read it, and with which filters.</summary>
public static class AuditSearch
{
    public sealed record Filters(string? Actor, string? Entity, string? Key, string? Message, DateOnly? From, DateOnly? To);

    public static RouteGroupBuilder MapAuditTrail(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit trail 留痕")
            .RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Discipline));
        audit.MapGet("/", Search).WithSummary("查询留痕 Search the audit trail (office, task force)");
        audit.MapGet("/export", Export).WithSummary("导出留痕 Export the audit trail as xlsx (office, task force)");
        return audit;
    }

    static async Task<Results<Ok<Page<AuditRecord>>, ValidationProblem>> Search(AuditedDatabase audited, HttpContext http, TimeProvider clock,
        string? actor, string? entity, string? key, string? message, DateOnly? from, DateOnly? to, string? after, int? limit, CancellationToken ct)
    {
        var db = audited.Db;
        var filters = new Filters(actor, entity, key, message, from, to);
        var v = Check(filters).After(after, 20);
        var size = v.Limit(limit);
        long? afterId = null;
        if (after is not null)
        {
            if (long.TryParse(after, out var id) && id > 0) afterId = id;
            else v.Add("after", Paging.UnknownAfterMessage);
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var query = Query(db, filters);
        if (afterId is { } start) query = query.Where(e => e.Id < start);
        var page = await query.OrderByDescending(e => e.Id).PageAsync(size, e => e.Id.ToString(), AuditRecord.From, ct);
        await RecordReadingAsync(db, http, clock, "search", filters, ct);
        return TypedResults.Ok(page);
    }

    static async Task<Results<FileStreamHttpResult, ValidationProblem>> Export(AuditedDatabase audited, HttpContext http, TimeProvider clock,
        string? actor, string? entity, string? key, string? message, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var db = audited.Db;
        var filters = new Filters(actor, entity, key, message, from, to);
        var v = Check(filters);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        await RecordReadingAsync(db, http, clock, "export", filters, ct);
        return await XlsxExport.WriteAsync(Query(db, filters).OrderByDescending(e => e.Id).AsAsyncEnumerable(), Columns, "留痕", "audit.xlsx", ct);
    }

    static readonly XlsxColumn<AuditEntry>[] Columns =
    [
        new("编号", e => e.Id), new("时间（北京时间）", e => e.At), new("操作人", e => e.Actor), new("角色", e => e.Roles),
        new("客户端", e => e.Client), new("地址", e => e.Address), new("途径", e => e.Via),
        new("消息", e => e.Messages is null ? null : string.Join(",", e.Messages)), new("变更", e => e.Changes),
    ];

    static Validation Check(Filters f)
    {
        var v = new Validation()
            .OptionalText("actor", f.Actor, 200)
            .OptionalCode("entity", f.Entity, 63)
            .OptionalText("key", f.Key, 200);
        if (f.Message is not null && !Guid.TryParse(f.Message, out _)) v.Add("message", "A message id (a UUID).");
        if (f.From is not null && f.To is not null) v.Window("from", f.From, "to", f.To);
        return v;
    }

    static IQueryable<AuditEntry> Query(DbContext db, Filters f)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (f.Actor is not null) query = query.Where(e => e.Actor == f.Actor);
        // The records an entry touched are the elements of its changes: jsonb containment finds them.
        if (f.Entity is not null || f.Key is not null)
        {
            var record = new Dictionary<string, string>();
            if (f.Entity is not null) record["entity"] = f.Entity;
            if (f.Key is not null) record["key"] = f.Key;
            var wanted = JsonSerializer.Serialize(new[] { record });
            query = query.Where(e => EF.Functions.JsonContains(e.Changes, wanted));
        }
        if (f.Message is not null) query = query.Where(e => e.Messages!.Contains(Guid.Parse(f.Message).ToString()));
        if (f.From is { } first) { var start = ChinaTime.StartOfDay(first); query = query.Where(e => e.At >= start); }
        if (f.To is { } last) { var end = ChinaTime.StartOfDay(last.AddDays(1)); query = query.Where(e => e.At < end); }
        return query;
    }

    /// <summary>Reading the trail is itself recorded, in the same table, with the filters used.</summary>
    static async Task RecordReadingAsync(DbContext db, HttpContext http, TimeProvider clock, string how, Filters filters, CancellationToken ct)
    {
        var read = new { entity = "audit_entries", key = "", change = "Read", fields = new Dictionary<string, object?> { ["how"] = new { @new = how }, ["filters"] = new { @new = filters } } };
        db.Add(AuditInterceptor.EntryFor(null, http, clock.GetUtcNow(), JsonSerializer.Serialize(new[] { read }, AuditedChange.Json)));
        await db.SaveChangesAsync(ct);
    }
}
