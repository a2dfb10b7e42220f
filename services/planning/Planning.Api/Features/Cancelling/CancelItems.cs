namespace Planning.Api.Features.Cancelling;

/// <summary>Without <c>MatterCode</c> every matter of the declaration, without <c>CreditCode</c> every
/// enterprise it names.</summary>
public sealed record CancelItemsRequest(string? DeclarationId, string? MatterCode, string? CreditCode, string? Reason);

public sealed record CancellationResponse(Guid Id, string Period, string DeclarationId, string AgencyCode, string MatterCode, string CreditCode, string Reason, DateTimeOffset CancelledAt)
{
    public static CancellationResponse From(Cancellation c) => new(c.Id, c.Period, c.DeclarationId, c.AgencyCode, c.MatterCode, c.CreditCode, c.Reason, c.CancelledAt);
}

/// <summary>不必要事项取消: the office cancels declared items as unnecessary, with a reason, before a
/// published plan takes their declaration in. Cancelled items are not planned; the merge log shows
/// them with the reason and the figures count the visits cancelling saved apart from merging.</summary>
public static class CancelItems
{
    public static RouteGroupBuilder MapCancellations(this RouteGroupBuilder group)
    {
        group.MapPost("/", Cancel).RequireAuthorization(Roles.Office).WithSummary("不必要事项取消 Cancel declared items as unnecessary, with a reason (office)");
        group.MapGet("/", List).RequireAuthorization().WithSummary("取消记录 The period's cancelled items: the office sees all, an agency its own");
        return group;
    }

    static async Task<Results<Created<List<CancellationResponse>>, ValidationProblem, ProblemHttpResult>> Cancel(
        string period, CancelItemsRequest r, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Period("period", period, out _);
        v.Code("declarationId", r.DeclarationId, 60);
        v.OptionalCode("matterCode", r.MatterCode);
        if (r.CreditCode is not null) v.CreditCode("creditCode", r.CreditCode);
        v.Text("reason", r.Reason, 500);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var declaration = await db.Declarations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == r.DeclarationId && d.Period == period, ct);
        if (declaration is null)
            return Problems.Unprocessable("Unknown declaration.", new Dictionary<string, string[]> { ["declarationId"] = [$"Period {period} has no declaration {r.DeclarationId}."] });
        var unknown = new Dictionary<string, string[]>();
        if (r.MatterCode is { } matter && !declaration.MatterCodes.Contains(matter)) unknown["matterCode"] = [$"Declaration {declaration.Id} does not name {matter}."];
        if (r.CreditCode is { } enterprise && !declaration.CreditCodes.Contains(enterprise)) unknown["creditCode"] = [$"Declaration {declaration.Id} does not name {enterprise}."];
        if (unknown.Count > 0) return Problems.Unprocessable("The items are not declared.", unknown);
        if (declaration.Status == DeclarationStatus.Withdrawn)
            return Problems.Conflict("The declaration is withdrawn.", $"Declaration {declaration.Id} was withdrawn on {declaration.WithdrawnAt:yyyy-MM-dd}; declare anew instead.");
        if (declaration.PublishedIn is not null)
            return Problems.Conflict("The declaration is consolidated.", $"Declaration {declaration.Id} is part of the published plan of {declaration.Period}; it is fixed.");

        var already = (await db.Cancellations.AsNoTracking().Where(c => c.DeclarationId == declaration.Id).Select(c => new { c.MatterCode, c.CreditCode }).ToListAsync(ct))
            .Select(c => (c.MatterCode, c.CreditCode)).ToHashSet();
        var now = clock.GetUtcNow();
        var items = (r.MatterCode is { } m ? [m] : declaration.MatterCodes)
            .SelectMany(matterCode => (r.CreditCode is { } c ? [c] : declaration.CreditCodes).Select(creditCode => (matterCode, creditCode)))
            .Where(i => !already.Contains(i))
            .Select(i => new Cancellation
            {
                Id = Guid.CreateVersion7(now), Period = period, DeclarationId = declaration.Id, AgencyCode = declaration.AgencyCode,
                MatterCode = i.matterCode, CreditCode = i.creditCode, Reason = r.Reason!.Trim(), CancelledAt = now, CancelledBy = actor.Subject,
            }).ToList();
        if (items.Count == 0) return Problems.Conflict("Already cancelled.", $"These items of declaration {declaration.Id} are cancelled already.");
        db.Cancellations.AddRange(items);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("Already cancelled.", $"These items of declaration {declaration.Id} are cancelled already.");
        }
        return TypedResults.Created($"/api/planning/periods/{period}/cancellations", items.Select(CancellationResponse.From).ToList());
    }

    static async Task<Results<Ok<List<CancellationResponse>>, ValidationProblem, ProblemHttpResult>> List(string period, PlanningDb db, Actor actor, CancellationToken ct)
    {
        if (!Period.TryParse(period, out _)) return Problems.BadPeriod();
        var query = db.Cancellations.AsNoTracking().Where(c => c.Period == period);
        if (actor.IsIn(Roles.Office)) { }
        else if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency) query = query.Where(c => c.AgencyCode == agency);
        else return Problems.Forbidden("Declarations are for the office and the declaring agency.");
        var list = await query.OrderByDescending(c => c.CancelledAt).ThenBy(c => c.DeclarationId).ThenBy(c => c.MatterCode).ThenBy(c => c.CreditCode).ToListAsync(ct);
        return TypedResults.Ok(list.Select(CancellationResponse.From).ToList());
    }

    /// <summary>The period's cancelled items as the consolidation takes them.</summary>
    public static async Task<List<Planning.Domain.Consolidation.CancelledItem>> ForPeriodAsync(PlanningDb db, string period, CancellationToken ct) =>
        (await db.Cancellations.AsNoTracking().Where(c => c.Period == period).ToListAsync(ct))
            .Select(c => new Planning.Domain.Consolidation.CancelledItem(c.DeclarationId, c.MatterCode, c.CreditCode, c.Reason)).ToList();
}
