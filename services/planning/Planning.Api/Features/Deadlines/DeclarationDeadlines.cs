namespace Planning.Api.Features.Deadlines;

public sealed record SetDeadlineRequest(DateOnly? LastDay);

/// <summary><c>ClosesAt</c>: the instant the last day ends in China, when declaring stops.</summary>
public sealed record DeadlineResponse(string Period, DateOnly LastDay, DateTimeOffset ClosesAt, DateTimeOffset SetAt);

/// <summary>The office sets, per period, the last day agencies may declare (申报截止日期). Until the
/// plan is published a declaration after it is refused, naming the day; once the plan is published,
/// late declarations are taken into a supplementary plan instead. A published plan's deadline is history.</summary>
public static class DeclarationDeadlines
{
    public static RouteGroupBuilder MapDeclarationDeadline(this RouteGroupBuilder group)
    {
        group.MapGet("/", Get).RequireAuthorization().WithSummary("申报截止日期 The period's declaration deadline");
        group.MapPut("/", Put).RequireAuthorization(Roles.Office).WithSummary("设定申报截止日期 Set the period's declaration deadline (office)");
        return group;
    }

    public static DeadlineResponse Response(DeclarationDeadline d) => new(d.Period, d.LastDay, ChinaTime.StartOfDay(d.LastDay.AddDays(1)), d.SetAt);

    static async Task<Results<Ok<DeadlineResponse>, ValidationProblem, ProblemHttpResult>> Get(string period, PlanningDb db, CancellationToken ct)
    {
        if (!Period.TryParse(period, out _)) return Problems.BadPeriod();
        var deadline = await db.DeclarationDeadlines.AsNoTracking().FirstOrDefaultAsync(d => d.Period == period, ct);
        return deadline is null
            ? Problems.NotFound("No deadline.", $"The office has set no declaration deadline for {period}.")
            : TypedResults.Ok(Response(deadline));
    }

    static async Task<Results<Ok<DeadlineResponse>, ValidationProblem, ProblemHttpResult>> Put(
        string period, SetDeadlineRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Period("period", period, out var parsed);
        v.Require(request.LastDay is not null, "lastDay", "The last day on which agencies may declare.");
        if (parsed is not null && request.LastDay is { } day)
            v.Require(day <= parsed.To, "lastDay", $"{day} is after {parsed} ends ({parsed.To}).");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (await db.Consolidations.AnyAsync(c => c.Period == period && c.Status == ConsolidationStatus.Published, ct))
            return Problems.Conflict("The plan is already published.", $"The plan of {period} is published; its declaration deadline no longer changes.");

        var deadline = await db.DeclarationDeadlines.FirstOrDefaultAsync(d => d.Period == period, ct);
        if (deadline is null) db.DeclarationDeadlines.Add(deadline = new DeclarationDeadline { Period = period, SetBy = actor.Subject });
        deadline.LastDay = request.LastDay!.Value;
        deadline.SetAt = clock.GetUtcNow();
        deadline.SetBy = actor.Subject;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("The deadline was set at the same moment.", "Read it and set it again if needed.");
        }
        return TypedResults.Ok(Response(deadline));
    }
}
