using Supervision.Api.Features.Cases;

namespace Supervision.Api.Features.Cards;

/// <summary>Every card becomes a case (一事一账), in the transaction that stores the card, with its
/// first history step and <see cref="CaseOpened"/>.</summary>
public static class CaseOpening
{
    public static async Task<SupervisionCase> OpenAsync(SupervisionDb db, SupervisionCard card, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        // The number, the case and its audit entry are one write: no savepoint between the counter's row and
        // what SaveChanges stores after it (a savepoint would give them different transaction ids).
        db.Database.AutoSavepointsEnabled = false;
        var year = ChinaTime.Day(card.SubmittedAt).Year;
        var number = await db.NextCaseNumberAsync(year, ct);
        var opened = new SupervisionCase
        {
            // Random, never time-ordered: officials read the id, and a UUIDv7 carries the millisecond the card came in.
            Id = Guid.NewGuid(),
            CaseNo = CaseNumbering.Format(year, number),
            CardId = card.Id,
            Card = card,
            State = CaseState.Registered,
            OpenedAt = card.SubmittedAt,
        };
        opened.History.Add(new CaseHistoryEntry
        {
            CaseId = opened.Id, Sequence = 1, Action = "Opened", From = CaseState.Registered, To = CaseState.Registered,
            ActorRole = card.Source switch
            {
                CardSource.Paper or CardSource.Phone or CardSource.FaceToFaceMeeting => "office",
                _ when card.SubmitterCreditCode is not null => "submitter",
                _ => "system",
            },
            ActorId = actor.Subject, ActorClient = actor.ClientId, ActorAddress = actor.Address, At = card.SubmittedAt, Note = card.Source switch
            {
                CardSource.Refusal => "企业拒绝未备案检查并反映，自动立案",
                CardSource.BackfillOverdue => "紧急检查逾期未书面补报，自动立案",
                CardSource.Paper => "营商办录入企业纸质监督卡，立案",
                CardSource.Phone => "营商办录入企业电话反映，立案",
                CardSource.FaceToFaceMeeting => "营商办录入政企面对面会上企业反映，立案",
                _ => "企业提交监督卡，立案",
            },
        });
        db.Cards.Add(card);
        db.Cases.Add(opened);
        // The event travels to every service: the channel is told as officials read it.
        db.EnqueueEvent(new CaseOpened(opened.Id, opened.CaseNo, card.Type, CaseResponse.AsOfficialsSee(card.Source), card.AgencyCode, card.SubmittedAt), clock);
        return opened;
    }
}
