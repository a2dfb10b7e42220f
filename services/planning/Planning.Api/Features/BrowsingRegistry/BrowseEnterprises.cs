using Planning.Api.Features.RegisteringEnterprises;

namespace Planning.Api.Features.BrowsingRegistry;

/// <summary>What anyone may read of an enterprise: that it is in the park, and where and in what trade.</summary>
public sealed record PublicEnterprise(string CreditCode, string Name, string Zone, string Industry)
{
    public static PublicEnterprise From(Enterprise e) => new(e.CreditCode, e.Name, e.Zone, e.Industry);
}

/// <summary>The registry is public: nothing unlisted may be inspected, and anyone may check. Its risk
/// levels and quiet periods (with their reasons) are the officials' and the enterprise's own: a signed-in
/// official reads them all, an enterprise its own, anyone else what <see cref="PublicEnterprise"/> holds.</summary>
public static class BrowseEnterprises
{
    public static RouteGroupBuilder MapBrowseEnterprises(this RouteGroupBuilder group)
    {
        group.MapGet("/{creditCode}", Get).AllowAnonymous()
            .WithSummary("查询园区企业 One enterprise of the registry (public)");
        group.MapGet("/", List).AllowAnonymous()
            .WithSummary("园区企业名录 The registry of park enterprises (public)");
        return group;
    }

    static bool SeesAll(Actor actor, string creditCode) =>
        actor.IsOfficial || (actor.IsIn(Roles.Enterprise) && actor.CreditCode == creditCode);

    static async Task<Results<Ok<EnterpriseResponse>, Ok<PublicEnterprise>, ProblemHttpResult>> Get(string creditCode, PlanningDb db, Actor actor, CancellationToken ct)
    {
        // A malformed code is no enterprise (and never reaches a query, where a parameter sized to the
        // column would be cut to its 18 characters).
        var enterprise = CreditCode.IsValid(creditCode) ? await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == creditCode, ct) : null;
        return enterprise is null
            ? TypedResults.Problem(title: "No such enterprise in the registry.", detail: $"No enterprise has credit code {creditCode}.", statusCode: StatusCodes.Status404NotFound)
            : SeesAll(actor, creditCode) ? TypedResults.Ok(EnterpriseResponse.From(enterprise)) : TypedResults.Ok(PublicEnterprise.From(enterprise));
    }

    static async Task<Results<Ok<List<EnterpriseResponse>>, Ok<List<PublicEnterprise>>>> List(PlanningDb db, Actor actor, CancellationToken ct)
    {
        var enterprises = await db.Enterprises.AsNoTracking().OrderBy(e => e.CreditCode).ToListAsync(ct);
        return actor.IsOfficial ? TypedResults.Ok(enterprises.Select(EnterpriseResponse.From).ToList()) : TypedResults.Ok(enterprises.Select(PublicEnterprise.From).ToList());
    }
}
