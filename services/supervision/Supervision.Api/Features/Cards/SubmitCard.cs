using Supervision.Api.Features.Cases;

namespace Supervision.Api.Features.Cards;

public sealed record CardRequest(CardType? Type, string? AgencyCode, string? FilingNo, string? Description, DateOnly? OccurredOn, bool? ConsentToDisclose);

/// <summary>监督卡: an enterprise reports misconduct, rude conduct, an unfiled inspection or a reasonable
/// demand; the card becomes a case at once. The enterprise is named only to the office and the task
/// force unless it consents.</summary>
public static class SubmitCard
{
    public static RouteGroupBuilder MapCards(this RouteGroupBuilder group)
    {
        group.MapPost("/", Submit).RequireAuthorization(Roles.Enterprise).WithSummary("提交监督卡 Submit a supervision card (enterprise); it becomes a case");
        group.MapGet("/", CaseViews.List).RequireAuthorization(Roles.Enterprise).WithSummary("我的监督卡 The enterprise's own cards and where their cases stand, newest first, a page at a time (its cases as the case ledger answers them)");
        group.MapEnteredCards();
        return group;
    }

    static async Task<Results<Created<CaseResponse>, ValidationProblem, ProblemHttpResult>> Submit(CardRequest r, SupervisionDb db, Actor actor, TimeProvider clock,
        IOptions<SupervisionOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = Check(r, ChinaTime.Day(now));
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var (agency, unknown) = await AgencyOfAsync(db, r, actor.CreditCode!, ct);
        if (unknown is not null) return unknown;

        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == actor.CreditCode, ct);
        if (LeftBefore(enterprise, r, ChinaTime.Day(now)) is { } left) return left;
        var card = new SupervisionCard
        {
            Id = Guid.CreateVersion7(now), Type = r.Type!.Value, Source = CardSource.Enterprise, SubmitterCreditCode = actor.CreditCode,
            SubmitterName = enterprise?.Name, ConsentToDisclose = r.ConsentToDisclose ?? false, AgencyCode = agency, FilingNo = r.FilingNo,
            Description = r.Description!.Trim(), OccurredOn = r.OccurredOn, SubmittedAt = now, SubmittedBy = actor.Subject, SubmittedVia = actor.ClientId,
        };
        var opened = await OpenAsync(db, card, actor, clock, ct);
        return TypedResults.Created($"/api/supervision/cases/{opened.Id}", CaseResponse.For(opened, CaseAudience.Submitter, now, options.Value.Waiting));
    }

    /// <summary>An enterprise that left the park gives cards only about what happened before it left (the
    /// day it happened, or today when it does not say).</summary>
    internal static ProblemHttpResult? LeftBefore(ParkEnterprise? enterprise, CardRequest r, DateOnly today) =>
        enterprise?.LeftOn is { } left && (r.OccurredOn ?? today) >= left
            ? Problems.Unprocessable("The enterprise has left the park.", new Dictionary<string, string[]> { ["occurredOn"] = [$"It left the park on {left:yyyy-MM-dd}: only what happened before then is taken."] })
            : null;

    /// <summary>The card's own shape, whoever writes it down.</summary>
    internal static Validation Check(CardRequest r, DateOnly today)
    {
        var v = new Validation();
        v.Require(r.Type is not null, "type", "Misconduct (吃拿卡要), RudeConduct, UnfiledInspection or ReasonableDemand.");
        v.Text("description", r.Description, 2000, min: 4, multiline: true);
        v.OptionalAgencyCode("agencyCode", r.AgencyCode);
        v.OptionalCode("filingNo", r.FilingNo, 40, "A filing number, e.g. BA2026-YJ-00001.");
        v.Require(r.OccurredOn is null || (r.OccurredOn <= today && r.OccurredOn >= today.AddYears(-1)), "occurredOn", "The day it happened: within the last year, not in the future.");
        v.Require(r.Type is not (CardType.Misconduct or CardType.RudeConduct) || r.AgencyCode is not null || r.FilingNo is not null, "agencyCode",
            "Name the agency (or the filing) the conduct concerns.");
        return v;
    }

    /// <summary>The agency the card concerns: the one named, checked against the filing at the submitting
    /// enterprise when one is named (its lead agency if none is), or the problem with them.</summary>
    internal static async Task<(string? Agency, ProblemHttpResult? Problem)> AgencyOfAsync(SupervisionDb db, CardRequest r, string creditCode, CancellationToken ct)
    {
        var agency = r.AgencyCode;
        if (r.FilingNo is not null)
        {
            var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.FilingNo == r.FilingNo && i.CreditCode == creditCode, ct);
            if (inspection is null)
                return (null, Problems.Unprocessable("Unknown filing.", new Dictionary<string, string[]> { ["filingNo"] = ["No filing of an inspection at your enterprise has this number."] }));
            if (agency is not null && !inspection.Agencies.Contains(agency))
                return (null, Problems.Unprocessable("The agency did not take part.", new Dictionary<string, string[]> { ["agencyCode"] = [$"{agency} is not among the agencies of {r.FilingNo}."] }));
            return (agency ?? inspection.LeadAgency, null);
        }
        if (agency is not null && !await db.Agencies.AnyAsync(a => a.Code == agency, ct))
            return (null, Problems.Unprocessable("Unknown agency.", new Dictionary<string, string[]> { ["agencyCode"] = [$"No agency {agency} in the county's catalog."] }));
        return (agency, null);
    }

    /// <summary>Stores the card and opens its case. The year's case number is taken under its counter row's
    /// lock: one transaction with the card, so a card that fails to store gives its number back.</summary>
    internal static async Task<SupervisionCase> OpenAsync(SupervisionDb db, SupervisionCard card, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var opened = await CaseOpening.OpenAsync(db, card, actor, clock, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return opened;
    }
}
