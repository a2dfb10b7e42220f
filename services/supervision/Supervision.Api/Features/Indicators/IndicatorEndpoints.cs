namespace Supervision.Api.Features.Indicators;

public static class IndicatorEndpoints
{
    public static RouteGroupBuilder MapIndicators(this RouteGroupBuilder group)
    {
        group.MapGet("/", Get).RequireAuthorization(p => p.RequireRole(Roles.Office, Roles.Leader, Roles.Discipline, Roles.Agency))
            .WithSummary("改革成效指标 The reform's indicators of a period (officials)");
        return group;
    }

    static async Task<Results<Ok<IndicatorsResponse>, ValidationProblem>> Get(string? period, SupervisionDb db, TimeProvider clock, IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var parsed)) return Problems.BadPeriod();
        return TypedResults.Ok(await ReformIndicators.ComputeAsync(db, parsed.Code, parsed.From, parsed.To, clock.GetUtcNow(), options.Value.RatingAnonymityThreshold, ct));
    }
}
