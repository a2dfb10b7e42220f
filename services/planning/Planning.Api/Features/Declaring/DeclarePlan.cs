using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Planning.Api.Data;
using Planning.Api.Features.Registry;
using Planning.Domain;
using Planning.Domain.Consolidation;
using ServiceDefaults;

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

public sealed record DeclarationResponse(string Id, string Period, string AgencyCode, IReadOnlyList<string> MatterCodes, IReadOnlyList<string> CreditCodes,
    DateOnly WindowFrom, DateOnly WindowTo, MandateLevel MandateLevel, InspectionCategory Category, string Method, IReadOnlyList<string> CooperatingAgencies, DateTimeOffset DeclaredAt)
{
    public static DeclarationResponse From(PlanDeclaration d) =>
        new(d.Id, d.Period, d.AgencyCode, d.MatterCodes, d.CreditCodes, d.WindowFrom, d.WindowTo, d.MandateLevel, d.Category, d.Method, d.CooperatingAgencies, d.DeclaredAt);
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
        var agency = actor.AgencyCode!;
        // The token decides who declares: a body naming another agency is refused, not corrected.
        if (r.AgencyCode is not null && r.AgencyCode != agency)
            return Problems.Forbidden($"You act for {agency}; you cannot declare for {r.AgencyCode}.");

        var v = new Validation();
        var enterprises = r.CreditCodes ?? [];
        if (r.DrawId is { } drawId)
        {
            // Targets from a random draw (双随机): the draw decides them, not the declarer.
            v.Require(enterprises.Count == 0, "creditCodes", "Give either the enterprises or a draw, not both.");
            var draw = await db.Draws.AsNoTracking().FirstOrDefaultAsync(d => d.Id == drawId, ct);
            if (draw is null) return Problems.Unprocessable("Unknown draw.", new Dictionary<string, string[]> { ["drawId"] = [$"No draw has id {drawId}."] });
            if (draw.AgencyCode != agency) return Problems.Forbidden($"Draw {drawId} was made by {draw.AgencyCode}.");
            enterprises = draw.Enterprises;
        }
        var periodOk = Period.TryParse(r.Period, out var period);
        v.Require(periodOk, "period", "A period is a year (2026) or a quarter (2026-Q1).");
        var matters = r.MatterCodes ?? [];
        v.Require(matters.Count is >= 1 and <= MaxMatters, "matterCodes", $"Between 1 and {MaxMatters} matters.");
        v.Require(enterprises.Count is >= 1 and <= MaxEnterprises, "creditCodes", $"Between 1 and {MaxEnterprises} enterprises.");
        v.Require(matters.Distinct().Count() == matters.Count, "matterCodes", "A matter is listed twice.");
        v.Require(enterprises.Distinct().Count() == enterprises.Count, "creditCodes", "An enterprise is listed twice.");
        v.Require(r.WindowFrom is not null, "windowFrom", "The window's first day is required.");
        v.Require(r.WindowTo is not null, "windowTo", "The window's last day is required.");
        if (r.WindowFrom is { } from && r.WindowTo is { } to)
        {
            v.Require(from <= to, "windowTo", "The window ends on or after the day it starts.");
            if (periodOk)
            {
                v.Require(period.Contains(from), "windowFrom", $"{from} is outside {period}.");
                v.Require(period.Contains(to), "windowTo", $"{to} is outside {period}.");
            }
        }
        v.Require(r.MandateLevel is not null && Enum.IsDefined(r.MandateLevel.Value), "mandateLevel", "One of Central, Provincial, Municipal, County.");
        v.Require(r.Category is not null && Enum.IsDefined(r.Category.Value), "category", "One of Routine, Specialized, Seasonal, Holiday, Comprehensive.");
        Text.Require(v, "method", r.Method, 200);
        var cooperating = r.CooperatingAgencies ?? [];
        v.Require(cooperating.Count <= 17, "cooperatingAgencies", "At most 17 agencies.");
        v.Require(!cooperating.Contains(agency), "cooperatingAgencies", "An agency does not cooperate with itself.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var unknown = new Dictionary<string, string[]>();
        var known = (await Matters.CurrentAsync(db, ct)).ToDictionary(m => m.Code);
        var notOurs = matters.Where(m => known.TryGetValue(m, out var matter) && matter.AgencyCode != agency).ToList();
        if (notOurs.Count > 0) return Problems.Forbidden($"Matters {string.Join(", ", notOurs)} belong to other agencies.");
        var missing = matters.Where(m => !known.ContainsKey(m)).ToList();
        if (missing.Count > 0) unknown["matterCodes"] = [$"Not in the catalog: {string.Join(", ", missing)}."];
        var lapsed = matters.Where(m => known.TryGetValue(m, out var matter) && !(matter.InEffectOn(r.WindowFrom!.Value) || matter.InEffectOn(r.WindowTo!.Value))).ToList();
        if (lapsed.Count > 0) unknown["matterCodes"] = [$"Not in effect during the window: {string.Join(", ", lapsed)}."];
        var registered = await db.Enterprises.Where(e => enterprises.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(ct);
        var unlisted = enterprises.Except(registered).ToList();
        if (unlisted.Count > 0) unknown["creditCodes"] = [$"Not in the park's registry (nothing unlisted may be inspected): {string.Join(", ", unlisted.Take(20))}."];
        var agencies = await db.Agencies.Where(a => cooperating.Contains(a.Code)).Select(a => a.Code).ToListAsync(ct);
        if (cooperating.Except(agencies).Any()) unknown["cooperatingAgencies"] = [$"Unknown agencies: {string.Join(", ", cooperating.Except(agencies))}."];
        if (unknown.Count > 0) return Problems.Unprocessable("The declaration names what the registry does not know.", unknown);

        var now = clock.GetUtcNow();
        var sequence = await db.Declarations.CountAsync(d => d.Period == period.Code && d.AgencyCode == agency, ct) + 1;
        var declaration = new PlanDeclaration
        {
            Id = $"{period.Code}-{agency}-{sequence:D4}",
            Period = period.Code,
            AgencyCode = agency,
            MatterCodes = [.. matters],
            CreditCodes = [.. enterprises],
            DrawId = r.DrawId,
            WindowFrom = r.WindowFrom!.Value,
            WindowTo = r.WindowTo!.Value,
            MandateLevel = r.MandateLevel!.Value,
            Category = r.Category!.Value,
            Method = r.Method!.Trim(),
            CooperatingAgencies = [.. cooperating],
            DeclaredAt = now,
            DeclaredBy = actor.Subject,
            DeclaredVia = actor.ClientId,
        };
        db.Declarations.Add(declaration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
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
