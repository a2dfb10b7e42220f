using System.Security.Cryptography;
using System.Text;

namespace Planning.Api.Features.Drawing;

public sealed record PublishCommitmentRequest(string? Period);

/// <summary>A period's commitment as anyone sees it: the secret only once the period is over.</summary>
public sealed record CommitmentResponse(string Period, string Commitment, DateTimeOffset PublishedAt, DateOnly RevealedFrom, string? Secret)
{
    public static CommitmentResponse From(DrawCommitment c, DrawKeys keys, TimeProvider clock) =>
        new(c.Period, c.Commitment, c.PublishedAt, DrawCommitments.RevealedFrom(c.Period), DrawCommitments.Revealed(c, keys, clock));
}

/// <summary>The office publishes, before any draw of a quarter, the SHA-256 of a secret the platform
/// derives from the county's draw key (<see cref="DrawKeys"/>; nobody chooses it, and no database holds it);
/// the secret is shown once the quarter is over. A draw's
/// seed is SHA-256 of <c>secret ⏎ agency ⏎ period ⏎ matters ⏎ number ⏎ pool hash</c> (UTF-8, lower-case
/// hex): while the quarter runs no drawer can foresee it, afterwards anyone can check it.</summary>
public static class DrawCommitments
{
    public static RouteGroupBuilder MapDrawCommitments(this RouteGroupBuilder group)
    {
        group.MapPost("/", Publish).RequireAuthorization(Roles.Office).WithSummary("公布抽取承诺 Publish a quarter's draw commitment (office)");
        group.MapGet("/{period}", Get).AllowAnonymous().WithSummary("抽取承诺 A quarter's commitment, and its secret once the quarter is over (public)");
        return group;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Seed(string secret, string agency, string period, string purpose, int number, string poolHash) =>
        Hash(string.Join('\n', secret, agency, period, purpose, number.ToString(System.Globalization.CultureInfo.InvariantCulture), poolHash));

    /// <summary>The day after the quarter's last day (China time): from then on its secret is public.</summary>
    public static DateOnly RevealedFrom(string period) => Period.TryParse(period, out var p) ? p.To.AddDays(1) : DateOnly.MaxValue;

    /// <summary>Over, its secret revealed: no commitment nor draw for it any more, or a draw could be foreseen.</summary>
    public static bool IsOver(string period, TimeProvider clock) => ChinaTime.Day(clock.GetUtcNow()) >= RevealedFrom(period);

    public static string? Revealed(DrawCommitment c, DrawKeys keys, TimeProvider clock) => IsOver(c.Period, clock) ? keys.SecretOf(c.KeyId, c.Period) : null;

    /// <summary>Commitments and draws are for a quarter.</summary>
    public static Validation Quarter(this Validation v, string? value, out Period? period)
    {
        v.Period("period", value, out period);
        return v.Require(period is null || period.Code.Contains('Q'), "period", "Draws are made for a quarter (2026-Q1).");
    }

    static async Task<Results<Created<CommitmentResponse>, ValidationProblem, ProblemHttpResult>> Publish(PublishCommitmentRequest r, PlanningDb db, DrawKeys keys, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().Quarter(r.Period, out var period);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (IsOver(period!.Code, clock))
            return Problems.Unprocessable("The commitment cannot be published.", new Dictionary<string, string[]> { ["period"] = [$"{period} is over."] });

        var commitment = new DrawCommitment
        {
            Period = period.Code, KeyId = keys.Current, Commitment = Hash(keys.SecretOf(period.Code)), PublishedAt = clock.GetUtcNow(), PublishedBy = actor.Subject,
        };
        db.DrawCommitments.Add(commitment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The period is the key: a commitment is never replaced.
            return Problems.Conflict("The commitment is already published.", $"{period} has its draw commitment: it is never replaced, or draws could be steered.");
        }
        return TypedResults.Created($"/api/planning/draws/commitments/{period}", CommitmentResponse.From(commitment, keys, clock));
    }

    static async Task<Results<Ok<CommitmentResponse>, ValidationProblem, ProblemHttpResult>> Get(string period, PlanningDb db, DrawKeys keys, TimeProvider clock, CancellationToken ct)
    {
        if (!Period.TryParse(period, out _)) return Problems.BadPeriod();
        var commitment = await db.DrawCommitments.AsNoTracking().FirstOrDefaultAsync(c => c.Period == period, ct);
        return commitment is null
            ? Problems.NotFound("No draw commitment for this period.", $"The office has not published the draw commitment for {period} yet.")
            : TypedResults.Ok(CommitmentResponse.From(commitment, keys, clock));
    }
}
