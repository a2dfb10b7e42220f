namespace Filing.Api.Features.Refusing;

public sealed record RefusalRequest(string? AgencyCode, string? CodeShown, string? Description, DateTimeOffset? OccurredAt);

public sealed record RefusalResponse(Guid Id, string CreditCode, string? AgencyCode, string? CodeShown, string Description, DateTimeOffset OccurredAt, DateTimeOffset ReportedAt);

/// <summary>企业可以拒绝检查: an enterprise reports an inspection attempted without a valid filing;
/// supervision opens a case from it.</summary>
public static class ReportRefusal
{
    public static RouteGroupBuilder MapRefusals(this RouteGroupBuilder group)
    {
        group.MapPost("/", Report).RequireAuthorization(Roles.Enterprise).WithSummary("拒绝并反映 Report an inspection without a valid filing (enterprise)");
        group.MapGet("/", List).RequireAuthorization().WithSummary("拒检记录 Refusals, the latest first, a page at a time, by enterprise or agency: an enterprise its own, the office all");
        return group;
    }

    static async Task<Results<Created<RefusalResponse>, ValidationProblem>> Report(RefusalRequest r, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        v.Text("description", r.Description, 2000, min: 4, multiline: true);
        v.Require(r.OccurredAt is { } at && at <= now.AddMinutes(5) && at >= now.AddDays(-30), "occurredAt", "When it happened: within the last 30 days.");
        v.OptionalAgencyCode("agencyCode", r.AgencyCode);
        v.OptionalText("codeShown", r.CodeShown, 40);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var refusal = new Refusal
        {
            Id = Guid.CreateVersion7(now), CreditCode = actor.CreditCode!, AgencyCode = r.AgencyCode, CodeShown = r.CodeShown?.Trim(),
            Description = r.Description!.Trim(), OccurredAt = r.OccurredAt!.Value.ToUniversalTime(), ReportedAt = now, ReportedBy = actor.Subject,
        };
        db.Refusals.Add(refusal);
        db.EnqueueEvent(new UnfiledInspectionReported(refusal.Id, refusal.CreditCode, refusal.AgencyCode, refusal.CodeShown, refusal.Description, refusal.OccurredAt, now), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/filing/refusals/{refusal.Id}", Response(refusal));
    }

    internal static RefusalResponse Response(Refusal r) => new(r.Id, r.CreditCode, r.AgencyCode, r.CodeShown, r.Description, r.OccurredAt, r.ReportedAt);

    static async Task<Results<Ok<Page<RefusalResponse>>, ValidationProblem, ProblemHttpResult>> List(FilingDb db, Actor actor,
        string? creditCode, string? agencyCode, string? after, int? limit, CancellationToken ct)
    {
        var v = new Validation();
        var from = v.AfterId(after);
        var size = v.Limit(limit);
        var (query, forbidden) = Matching(db, actor, v, creditCode, agencyCode);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (from is { } last)
        {
            // Keyset, the latest reported first, from the refusal named; its id orders one instant.
            var key = await query!.Where(r => r.Id == last).Select(r => new { r.ReportedAt, r.Id }).FirstOrDefaultAsync(ct);
            if (key is null) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = query!.Where(r => r.ReportedAt < key.ReportedAt || (r.ReportedAt == key.ReportedAt && r.Id.CompareTo(key.Id) < 0));
        }
        return TypedResults.Ok(await query!.OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).PageAsync(size, r => r.Id.ToString(), Response, ct));
    }

    /// <summary>The refusals a reader may list, narrowed by the list's filters: the list's and its export's one rule.</summary>
    internal static (IQueryable<Refusal>? Query, ProblemHttpResult? Forbidden) Matching(FilingDb db, Actor actor, Validation v, string? creditCode, string? agencyCode)
    {
        var query = db.Refusals.AsNoTracking();
        if (actor.IsIn(Roles.Office)) { }
        else if (actor.IsIn(Roles.Enterprise)) query = query.Where(r => r.CreditCode == actor.CreditCode);
        else return (null, Problems.Forbidden("Refusals are for the reporting enterprise and the office."));
        v.OptionalAgencyCode("agencyCode", agencyCode);
        if (creditCode is not null) v.CreditCode("creditCode", creditCode);
        if (creditCode is not null) query = query.Where(r => r.CreditCode == creditCode);
        if (agencyCode is not null) query = query.Where(r => r.AgencyCode == agencyCode);
        return (query, null);
    }
}
