using Planning.Api.Features.Registry;

namespace Planning.Api.Features.RegisteringEnterprises;

public sealed record RegisterEnterpriseRequest(
    string? CreditCode,
    string? Name,
    string? Zone,
    string? Industry,
    RiskLevel? RiskLevel,
    IReadOnlyList<QuietPeriod>? QuietPeriods);

public sealed record EnterpriseResponse(string CreditCode, string Name, string Zone, string Industry, RiskLevel RiskLevel, IReadOnlyList<QuietPeriod> QuietPeriods, DateTimeOffset RegisteredAt,
    DateOnly? LeftOn = null, string? LeftReason = null)
{
    public static EnterpriseResponse From(Enterprise e) => new(e.CreditCode, e.Name, e.Zone, e.Industry, e.RiskLevel, e.QuietPeriods, e.RegisteredAt, e.LeftOn, e.LeftReason);
}

public static class RegisterEnterprise
{
    const int MaxQuietPeriods = 50;

    public static RouteGroupBuilder MapRegisterEnterprise(this RouteGroupBuilder group)
    {
        group.MapPost("/", Handle).RequireAuthorization(Roles.Office)
            .WithSummary("登记园区企业 Register a park enterprise (office)");
        return group;
    }

    static async Task<Results<Created<EnterpriseResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        RegisterEnterpriseRequest request, PlanningDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var validation = Validate(request);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        if (await db.Enterprises.AnyAsync(e => e.CreditCode == request.CreditCode, ct))
            return TypedResults.Problem(
                title: "The enterprise is already registered.",
                detail: $"An enterprise with credit code {request.CreditCode} is in the registry.",
                statusCode: StatusCodes.Status409Conflict);

        var now = clock.GetUtcNow();
        var enterprise = new Enterprise
        {
            CreditCode = request.CreditCode!,
            Name = request.Name!.Trim(),
            Zone = request.Zone!.Trim(),
            Industry = request.Industry!.Trim(),
            RiskLevel = request.RiskLevel!.Value,
            QuietPeriods = request.QuietPeriods?.ToList() ?? [],
            RegisteredAt = now,
            RegisteredBy = actor.Subject,
            RegisteredVia = actor.ClientId,
        };
        db.Enterprises.Add(enterprise);
        db.EnqueueEvent(new EnterpriseRegistered(enterprise.CreditCode, enterprise.Name, enterprise.Zone, enterprise.Industry,
            enterprise.RiskLevel, enterprise.QuietPeriods, now), clock);
        await db.SaveChangesAsync(ct);

        return TypedResults.Created($"/api/planning/enterprises/{enterprise.CreditCode}", EnterpriseResponse.From(enterprise));
    }

    internal static Validation Validate(RegisterEnterpriseRequest r)
    {
        var v = new Validation();
        v.CreditCode("creditCode", r.CreditCode);
        v.Text("name", r.Name, 200);
        v.Text("zone", r.Zone, 100);
        v.Text("industry", r.Industry, 100);
        v.Require(r.RiskLevel is not null && Enum.IsDefined(r.RiskLevel.Value), "riskLevel", "The risk level is one of Low, Medium, High.");
        v.List("quietPeriods", r.QuietPeriods, 0, MaxQuietPeriods, (path, q) =>
        {
            v.Require(q.From != default && q.To != default, path, "A quiet period names its first and last day.");
            v.Require(q.From <= q.To, path, "A quiet period ends on or after the day it starts.");
            v.Require(q.To.DayNumber - q.From.DayNumber <= 366, path, "A quiet period lasts at most a year.");
            v.Text($"{path}.reason", q.Reason, 200);
        });
        return v;
    }
}
