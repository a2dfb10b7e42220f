using Supervision.Api.Features.Cases;

namespace Supervision.Api.Features.Cards;

/// <summary>A card the office received on paper, by phone or at a 政企面对面 meeting: its channel, the
/// enterprise that gave it, and the card as that enterprise wrote or said it.</summary>
public sealed record EnteredCardRequest(CardSource? Source, string? CreditCode, CardType? Type, string? AgencyCode, string? FilingNo, string? Description,
    DateOnly? OccurredOn, bool? ConsentToDisclose)
{
    public CardRequest AsCard() => new(Type, AgencyCode, FilingNo, Description, OccurredOn, ConsentToDisclose);
}

/// <summary>录入监督卡: the office enters a card an enterprise gave it off line. The card is the enterprise's,
/// under the same protection as one sent online: the enterprise sees it among its own cards, officials
/// read only what the office forwards and never the channel, and the retaliation watch covers it.</summary>
public static class EnterCard
{
    static readonly CardSource[] Channels = [CardSource.Paper, CardSource.Phone, CardSource.FaceToFaceMeeting];

    public static RouteGroupBuilder MapEnteredCards(this RouteGroupBuilder group)
    {
        group.MapPost("/entered", Enter).RequireAuthorization(Roles.Office)
            .WithSummary("录入监督卡 Enter a card received on paper, by phone or at a 政企面对面 meeting, for the enterprise that gave it (office); it becomes a case");
        return group;
    }

    static async Task<Results<Created<CaseResponse>, ValidationProblem, ProblemHttpResult>> Enter(EnteredCardRequest r, SupervisionDb db, Actor actor, TimeProvider clock,
        IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = SubmitCard.Check(r.AsCard(), ChinaTime.Day(now));
        v.Require(r.Source is { } s && Channels.Contains(s), "source", "How the card was received: Paper (纸质), Phone (电话) or FaceToFaceMeeting (政企面对面).");
        v.CreditCode("creditCode", r.CreditCode);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == r.CreditCode, ct);
        if (enterprise is null)
            return Problems.Unprocessable("Unknown enterprise.", new Dictionary<string, string[]> { ["creditCode"] = [$"No park enterprise {r.CreditCode}."] });
        if (SubmitCard.LeftBefore(enterprise, r.AsCard(), ChinaTime.Day(now)) is { } left) return left;
        var (agency, unknown) = await SubmitCard.AgencyOfAsync(db, r.AsCard(), r.CreditCode!, ct);
        if (unknown is not null) return unknown;

        var card = new SupervisionCard
        {
            Id = Guid.CreateVersion7(now), Type = r.Type!.Value, Source = r.Source!.Value, SubmitterCreditCode = r.CreditCode, SubmitterName = enterprise.Name,
            ConsentToDisclose = r.ConsentToDisclose ?? false, AgencyCode = agency, FilingNo = r.FilingNo, Description = r.Description!.Trim(), OccurredOn = r.OccurredOn,
            SubmittedAt = now, SubmittedBy = actor.Subject, SubmittedVia = actor.ClientId,
        };
        var opened = await SubmitCard.OpenAsync(db, card, actor, clock, ct);
        return TypedResults.Created($"/api/supervision/cases/{opened.Id}", CaseResponse.For(opened, CaseAudience.Full, now, options.Value.Waiting));
    }
}
