using Planning.Api.Features.Registry;
using Planning.Domain.Consolidation;

namespace Planning.Api.Features.Declaring;

public sealed record DeclarePlanRequest(
    string? Period,
    string? AgencyCode,
    IReadOnlyList<string>? MatterCodes,
    IReadOnlyList<string>? CreditCodes,
    Guid? DrawId,
    DateOnly? WindowFrom,
    DateOnly? WindowTo,
    MandateLevel? MandateLevel,
    InspectionCategory? Category,
    string? Method,
    IReadOnlyList<string>? CooperatingAgencies);

/// <summary>Where a declaration stands: declared (open to amendment and withdrawal), withdrawn by its
/// agency, or consolidated into a published plan or supplement (fixed from then on).</summary>
public enum DeclarationState { Declared, Withdrawn, Consolidated }

public sealed record DeclarationResponse(string Id, string Period, string AgencyCode, IReadOnlyList<string> MatterCodes, IReadOnlyList<string> CreditCodes,
    DateOnly WindowFrom, DateOnly WindowTo, MandateLevel MandateLevel, InspectionCategory Category, string Method, IReadOnlyList<string> CooperatingAgencies, DateTimeOffset DeclaredAt,
    DeclarationState Status, int Revision, DateTimeOffset? AmendedAt, DateTimeOffset? WithdrawnAt, string? WithdrawalReason, PublishedIn? PublishedIn)
{
    public static DeclarationResponse From(PlanDeclaration d) =>
        new(d.Id, d.Period, d.AgencyCode, d.MatterCodes, d.CreditCodes, d.WindowFrom, d.WindowTo, d.MandateLevel, d.Category, d.Method, d.CooperatingAgencies, d.DeclaredAt,
            d.Status == DeclarationStatus.Withdrawn ? DeclarationState.Withdrawn : d.PublishedIn is null ? DeclarationState.Declared : DeclarationState.Consolidated,
            d.Revision, d.AmendedAt, d.WithdrawnAt, d.WithdrawalReason, d.PublishedIn);
}

/// <summary>An agency declares its planned inspections for a period (园区执法计划申报表): its own
/// matters, registered enterprises, a window inside the period. Only for itself.</summary>
public static class DeclarePlan
{
    public const int MaxEnterprises = 500;
    public const int MaxMatters = 50;

    public static RouteGroupBuilder MapDeclarations(this RouteGroupBuilder group)
    {
        group.MapPost("/", Declare).RequireAuthorization(Roles.Agency).WithSummary("申报检查计划 Declare planned inspections (agency, for itself)");
        group.MapGet("/", List).RequireAuthorization().WithSummary("申报记录 Declarations: an agency sees its own, the office all");
        return group;
    }

    static async Task<Results<Created<DeclarationResponse>, ValidationProblem, ProblemHttpResult>> Declare(
        DeclarePlanRequest r, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var checks = await DeclarationChecks.LoadAsync(db, ct);
        var outcome = await checks.PrepareAsync(r, actor, clock.GetUtcNow(), "", ct);
        if (outcome.Forbidden is { } why) return Problems.Forbidden(why);
        if (outcome.Invalid is { } invalid) return TypedResults.ValidationProblem(invalid);
        if (outcome.Unknown is { } unknown) return Problems.Unprocessable("The declaration names what the registry does not know.", unknown);
        if (outcome.Late is { } late) return Problems.Unprocessable("Declarations are closed.", late);

        var declaration = outcome.Declaration!;
        db.Declarations.Add(declaration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("Another declaration was saved at the same moment.", "Send it again: it gets the next number.");
        }
        return TypedResults.Created($"/api/planning/declarations/{declaration.Id}", DeclarationResponse.From(declaration));
    }

    static async Task<Results<Ok<List<DeclarationResponse>>, ProblemHttpResult>> List(string? period, PlanningDb db, Actor actor, CancellationToken ct)
    {
        var query = db.Declarations.AsNoTracking();
        if (period is not null) query = query.Where(d => d.Period == period);
        if (actor.IsIn(Roles.Office)) { }
        else if (actor.IsIn(Roles.Agency) && actor.AgencyCode is { } agency) query = query.Where(d => d.AgencyCode == agency);
        else return Problems.Forbidden("Declarations are for the office and the declaring agency.");
        var list = await query.OrderBy(d => d.Period).ThenBy(d => d.Id).ToListAsync(ct);
        return TypedResults.Ok(list.Select(DeclarationResponse.From).ToList());
    }
}
