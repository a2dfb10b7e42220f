namespace Planning.Api.Features.Declaring;

public sealed record WithdrawDeclarationRequest(string? Reason);

/// <summary>An agency corrects its declaration (a new revision, the old one kept) or withdraws it with
/// a reason, until a published plan or supplement has taken it in: from then on it is part of a
/// public plan and answers 409. Only the declaring agency may; the office reads any.</summary>
public static class AmendingAndWithdrawing
{
    public static RouteGroupBuilder MapAmendingAndWithdrawing(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}", Get).RequireAuthorization().WithSummary("申报详情 One declaration: status, revision, the plan that took it in");
        group.MapPut("/{id}", Amend).RequireAuthorization(Roles.Agency).WithSummary("修改申报 Amend a declaration not yet consolidated (agency, its own)");
        group.MapPost("/{id}/withdraw", Withdraw).RequireAuthorization(Roles.Agency).WithSummary("撤回申报 Withdraw a declaration not yet consolidated, with a reason (agency, its own)");
        return group;
    }

    static async Task<Results<Ok<DeclarationResponse>, ProblemHttpResult>> Get(string id, PlanningDb db, Actor actor, CancellationToken ct)
    {
        var declaration = await db.Declarations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (declaration is null) return Problems.NotFound("No such declaration.", $"No declaration has id {id}.");
        if (Refusal(declaration, actor) is { } refused) return refused;
        return TypedResults.Ok(DeclarationResponse.From(declaration));
    }

    static async Task<Results<Ok<DeclarationResponse>, ValidationProblem, ProblemHttpResult>> Amend(
        string id, DeclarePlanRequest r, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var (declaration, problem) = await OpenAsync(db, id, actor, ct);
        if (problem is not null) return problem;
        var checks = await DeclarationChecks.LoadAsync(db, ct);
        var outcome = await checks.PrepareAsync(r, actor, clock.GetUtcNow(), "", ct, declaration);
        if (outcome.Forbidden is { } why) return Problems.Forbidden(why);
        if (outcome.Invalid is { } invalid) return TypedResults.ValidationProblem(invalid);
        if (outcome.Unknown is { } unknown) return Problems.Unprocessable("The declaration names what the registry does not know.", unknown);
        return await SaveAsync(db, declaration!, ct);
    }

    static async Task<Results<Ok<DeclarationResponse>, ValidationProblem, ProblemHttpResult>> Withdraw(
        string id, WithdrawDeclarationRequest? r, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().Text("reason", r?.Reason, 500);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var (declaration, problem) = await OpenAsync(db, id, actor, ct);
        if (problem is not null) return problem;
        declaration!.Status = DeclarationStatus.Withdrawn;
        declaration.WithdrawnAt = clock.GetUtcNow();
        declaration.WithdrawnBy = actor.Subject;
        declaration.WithdrawalReason = r!.Reason!.Trim();
        return await SaveAsync(db, declaration, ct);
    }

    /// <summary>The caller's own declaration, still open to change.</summary>
    static async Task<(PlanDeclaration?, ProblemHttpResult?)> OpenAsync(PlanningDb db, string id, Actor actor, CancellationToken ct)
    {
        var declaration = await db.Declarations.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (declaration is null) return (null, Problems.NotFound("No such declaration.", $"No declaration has id {id}."));
        if (declaration.AgencyCode != actor.AgencyCode) return (null, Problems.Forbidden($"Declaration {id} is {declaration.AgencyCode}'s."));
        if (declaration.Status == DeclarationStatus.Withdrawn)
            return (null, Problems.Conflict("The declaration is withdrawn.", $"Declaration {id} was withdrawn on {declaration.WithdrawnAt:yyyy-MM-dd}; declare anew instead."));
        if (declaration.PublishedIn is { } plan)
            return (null, Problems.Conflict("The declaration is consolidated.", plan.Supplement is { } n
                ? $"Declaration {id} is part of supplement {n} to the published plan of {declaration.Period}; it is fixed."
                : $"Declaration {id} is part of the published plan of {declaration.Period}; it is fixed."));
        return (declaration, null);
    }

    static async Task<Results<Ok<DeclarationResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(PlanningDb db, PlanDeclaration declaration, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A publication or another change took the row first; the caller sees the outcome on reading it again.
            return Problems.Conflict("The declaration changed meanwhile.", $"Declaration {declaration.Id} was changed or consolidated at the same moment; read it again.");
        }
        return TypedResults.Ok(DeclarationResponse.From(declaration));
    }

    static ProblemHttpResult? Refusal(PlanDeclaration declaration, Actor actor) =>
        actor.IsIn(Roles.Office) || (actor.IsIn(Roles.Agency) && actor.AgencyCode == declaration.AgencyCode)
            ? null
            : Problems.Forbidden("Declarations are for the office and the declaring agency.");
}
