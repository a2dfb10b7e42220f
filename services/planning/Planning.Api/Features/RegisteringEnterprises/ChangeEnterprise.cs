using Persistence;
namespace Planning.Api.Features.RegisteringEnterprises;

public sealed record ChangeEnterpriseRequest(string? Name, string? Zone, string? Industry, RiskLevel? RiskLevel, IReadOnlyList<QuietPeriod>? QuietPeriods);

/// <summary>The office corrects an enterprise of the registry: its name, zone, industry, risk level
/// and quiet periods (无事不扰). The credit code never changes.</summary>
public static class ChangeEnterprise
{
    public static RouteGroupBuilder MapChangeEnterprise(this RouteGroupBuilder group)
    {
        group.MapPut("/{creditCode}", Handle).RequireAuthorization(Roles.Office)
            .WithSummary("修改园区企业 Correct an enterprise of the registry (office)");
        return group;
    }

    static async Task<Results<Ok<EnterpriseResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string creditCode, ChangeEnterpriseRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var validation = RegisterEnterprise.Validate(new RegisterEnterpriseRequest(creditCode, request.Name, request.Zone, request.Industry, request.RiskLevel, request.QuietPeriods));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        // Two corrections at once are applied one after the other (the row is locked until this one
        // commits): each gets its own revision, and consumers, who keep the highest, end with the last.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockRowAsync((Enterprise e) => e.CreditCode, creditCode, ct);
        var enterprise = await db.Enterprises.FindAsync([creditCode], ct);
        if (enterprise is null) return Problems.NotFound("No such enterprise in the registry.", $"No enterprise has credit code {creditCode}.");

        var now = clock.GetUtcNow();
        enterprise.Name = request.Name!.Trim();
        enterprise.Zone = request.Zone!.Trim();
        enterprise.Industry = request.Industry!.Trim();
        enterprise.RiskLevel = request.RiskLevel!.Value;
        enterprise.QuietPeriods = request.QuietPeriods?.ToList() ?? [];
        enterprise.Revision++;
        enterprise.ChangedAt = now;
        enterprise.ChangedBy = actor.Subject;
        db.EnqueueEvent(new EnterpriseChanged(enterprise.CreditCode, enterprise.Revision, enterprise.Name, enterprise.Zone, enterprise.Industry,
            enterprise.RiskLevel, enterprise.QuietPeriods, now), clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(EnterpriseResponse.From(enterprise));
    }
}
