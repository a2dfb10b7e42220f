using Microsoft.EntityFrameworkCore.Storage;

namespace Tolerance.Api.Features.Listing;

public sealed record ListResponse(int Version, ListStatus Status, IReadOnlyList<ToleranceItem> Items, DateTimeOffset? PublishedAt);

/// <summary>The tolerance list (容错清单): public to read; the office edits a draft and publishes it
/// as the next version, which then never changes.</summary>
public static class ToleranceItems
{
    public const int MaxItems = 500;

    public static RouteGroupBuilder MapToleranceItems(this RouteGroupBuilder group)
    {
        group.MapGet("/", Get).AllowAnonymous().WithSummary("容错清单 The published list, or ?version= an earlier one (public)");
        group.MapPut("/draft", PutDraft).RequireAuthorization(Roles.Office).WithSummary("编辑容错清单草稿 Replace the draft (office)");
        group.MapPost("/publish", Publish).RequireAuthorization(Roles.Office).WithSummary("发布容错清单 Publish the draft as the next version (office)");
        return group;
    }

    static async Task<Results<Ok<ListResponse>, ProblemHttpResult>> Get(int? version, ToleranceDb db, CancellationToken ct)
    {
        var query = db.Lists.AsNoTracking().Where(l => l.Status == ListStatus.Published);
        var list = version is { } v ? await query.FirstOrDefaultAsync(l => l.Version == v, ct) : await query.OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
        return list is null
            ? Problems.NotFound("No published tolerance list.", version is null ? "The office has not published one yet." : $"No published version {version}.")
            : TypedResults.Ok(new ListResponse(list.Version, list.Status, list.Items, list.PublishedAt));
    }

    static async Task<Results<Ok<ListResponse>, ValidationProblem>> PutDraft(IReadOnlyList<ToleranceItem>? items, ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = Validate(items ?? [], i => $"[{i}]");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        return TypedResults.Ok(await SaveDraftAsync(items!, db, actor, clock, ct));
    }

    /// <summary>Edits and publications of the list take their turn: a draft edit racing a publication either
    /// lands before it (and is published) or after it (in the next draft), never in the version just
    /// published; two first edits at once make one draft, not two of the same version.</summary>
    static async Task<IDbContextTransaction> TakeTheListAsync(ToleranceDb db, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ListLock})", ct);
        return tx;
    }

    // Any constant: one lock for the one list of the county.
    const long ListLock = 0x746f6c6c697374;

    public static async Task<ListResponse> SaveDraftAsync(IReadOnlyList<ToleranceItem> items, ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await TakeTheListAsync(db, ct);
        var draft = await db.Lists.FirstOrDefaultAsync(l => l.Status == ListStatus.Draft, ct);
        if (draft is null)
        {
            var next = (await db.Lists.MaxAsync(l => (int?)l.Version, ct) ?? 0) + 1;
            db.Lists.Add(draft = new ToleranceListVersion { Version = next, Status = ListStatus.Draft, ChangedBy = actor.Subject });
        }
        draft.Items = [.. items];
        draft.ChangedAt = clock.GetUtcNow();
        draft.ChangedBy = actor.Subject;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ListResponse(draft.Version, draft.Status, draft.Items, null);
    }

    static async Task<Results<Ok<ListResponse>, ProblemHttpResult>> Publish(ToleranceDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await TakeTheListAsync(db, ct);
        var draft = await db.Lists.FirstOrDefaultAsync(l => l.Status == ListStatus.Draft, ct);
        if (draft is null) return Problems.Conflict("Nothing to publish.", "Edit a draft first.");
        draft.Status = ListStatus.Published;
        draft.PublishedAt = clock.GetUtcNow();
        draft.ChangedBy = actor.Subject;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new ListResponse(draft.Version, draft.Status, draft.Items, draft.PublishedAt));
    }

    /// <summary><paramref name="row"/> names item i in field names: <c>[3]</c> for JSON, <c>rows[5]</c> for a sheet.</summary>
    public static Validation Validate(IReadOnlyList<ToleranceItem> items, Func<int, string> row)
    {
        var v = new Validation();
        v.Require(items.Count is >= 1 and <= MaxItems, "items", $"Between 1 and {MaxItems} items.");
        v.Distinct("items", items, "An item code is listed twice.", i => i.Code);
        for (var i = 0; i < Math.Min(items.Count, MaxItems); i++)
        {
            var item = items[i];
            if (item is null) { v.Add(row(i), "An item cannot be empty."); continue; }
            v.Code($"{row(i)}.code", item.Code);
            v.Text($"{row(i)}.title", item.Title, 200, min: 2);
            v.Code($"{row(i)}.matterCode", item.MatterCode, what: "The catalog code of the matter it covers.");
            v.Require(Enum.IsDefined(item.Outcome), $"{row(i)}.outcome", "NoPenalty, NoCompulsoryMeasure, MitigatedPenalty or LighterPenalty.");
            v.Require(Enum.IsDefined(item.Source), $"{row(i)}.source", "Provincial, Municipal or County.");
            v.Text($"{row(i)}.legalBasis", item.LegalBasis, 1000, min: 2, multiline: true);
            v.Require(item.EffectiveFrom.Year >= 2000, $"{row(i)}.effectiveFrom", "The day it takes effect.");
            v.Require(item.FirstViolationWithinMonths is null or (>= 1 and <= 120), $"{row(i)}.firstViolationWithinMonths", "1 to 120 months.");
            v.Require(item.MaxSeverity is null or (>= 1 and <= 5), $"{row(i)}.maxSeverity", "1 to 5.");
            v.Require(item.Rectification != RectificationRule.WithinDays || item.RectificationDays is >= 1 and <= 90, $"{row(i)}.rectificationDays", "1 to 90 days when correction within days is required.");
            v.Require(item.EffectiveTo is null || item.EffectiveTo >= item.EffectiveFrom, $"{row(i)}.effectiveTo", "Ends on or after it takes effect.");
        }
        return v;
    }
}
