using Planning.Api.Features.RegisteringEnterprises;

namespace Planning.Api.Features.BrowsingRegistry;

/// <summary>The registry is public: nothing unlisted may be inspected, and anyone may check.</summary>
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

    static async Task<Results<Ok<EnterpriseResponse>, ProblemHttpResult>> Get(string creditCode, PlanningDb db, CancellationToken ct)
    {
        // A malformed code is no enterprise (and never reaches a query, where a parameter sized to the
        // column would be cut to its 18 characters).
        var enterprise = CreditCode.IsValid(creditCode) ? await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == creditCode, ct) : null;
        return enterprise is null
            ? TypedResults.Problem(title: "No such enterprise in the registry.", detail: $"No enterprise has credit code {creditCode}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(EnterpriseResponse.From(enterprise));
    }

    static async Task<Ok<List<EnterpriseResponse>>> List(PlanningDb db, CancellationToken ct)
    {
        var enterprises = await db.Enterprises.AsNoTracking().OrderBy(e => e.CreditCode).ToListAsync(ct);
        return TypedResults.Ok(enterprises.Select(EnterpriseResponse.From).ToList());
    }
}
