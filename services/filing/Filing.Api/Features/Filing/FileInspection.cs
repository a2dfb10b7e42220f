using Filing.Api.Data;
using Filing.Contracts;
using Filing.Domain;
using Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults;
using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Filing;

public sealed record InspectorRequest(string? Name, string? CertificateNo, string? AgencyCode);

public sealed record FileInspectionRequest(
    string? JointId,
    string? UnplannedReason,
    string? CreditCode,
    IReadOnlyList<string>? MatterCodes,
    IReadOnlyList<string>? Agencies,
    IReadOnlyList<InspectorRequest>? Inspectors,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd);

public sealed record FilingResponse(string FilingNo, string VerificationCode, string? JointId, string? UnplannedReason, string CreditCode, string EnterpriseName,
    string LeadAgency, IReadOnlyList<Participant> Agencies, IReadOnlyList<FiledMatter> Matters, IReadOnlyList<FiledInspector> Inspectors,
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, FilingStatus Status, bool OverYearlyCap, DateTimeOffset FiledAt, string QrCode, string Form)
{
    public static FilingResponse From(InspectionFiling f) => new(f.FilingNo, Domain.VerificationCode.Format(f.VerificationCode), f.JointId, f.UnplannedReason, f.CreditCode,
        f.EnterpriseName, f.LeadAgency, f.Agencies, f.Matters, f.Inspectors, f.WindowStart, f.WindowEnd, f.Status, f.OverYearlyCap, f.FiledAt,
        $"/api/filing/filings/{f.FilingNo}/qr.png", $"/api/filing/filings/{f.FilingNo}/form");
}

/// <summary>No inspection without a filing made before it (备案清单): the lead agency of a scheduled
/// visit files it, or an agency files an unplanned inspection with its reason.</summary>
public static class FileInspection
{
    public static RouteGroupBuilder MapFilings(this RouteGroupBuilder group)
    {
        group.MapPost("/", File).RequireAuthorization(Roles.Agency).WithSummary("检查备案 File an inspection before it happens (agency)");
        group.MapGet("/{filingNo}", Get).RequireAuthorization().WithSummary("备案表 One filing (its agencies, the enterprise, the office)");
        group.MapGet("/", List).RequireAuthorization().WithSummary("备案记录 Filings: an agency its own, an enterprise its upcoming ones, the office all");
        return group;
    }

    static async Task<Results<Created<FilingResponse>, Ok<FilingResponse>, ValidationProblem, ProblemHttpResult>> File(
        FileInspectionRequest r, HttpRequest http, FilingDb db, Actor actor, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var agency = actor.AgencyCode!;
        var now = clock.GetUtcNow();
        var requestKey = RequestKeys.Of(http);
        var v = new Validation();
        v.Require((r.JointId is null) != (r.UnplannedReason is null), "jointId", "Name the scheduled visit, or give the reason for an unplanned inspection, not both.");
        if (r.UnplannedReason is { } reason)
        {
            v.Require(reason.Trim().Length is >= 4 and <= 500 && !reason.Any(char.IsControl), "unplannedReason", "A reason of 4 to 500 characters.");
            if (CreditCode.Validate(r.CreditCode) is { } codeError) v.Add("creditCode", codeError);
            v.Require(r.MatterCodes is { Count: >= 1 and <= 50 } codes && codes.All(c => c is { Length: >= 1 and <= 40 } && c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')), "matterCodes", "1 to 50 matter codes of the catalog.");
            v.Require(r.Agencies is null || (r.Agencies.Count <= 17 && r.Agencies.All(a => a is { Length: >= 2 and <= 20 } && a.All(char.IsAsciiLetterUpper))), "agencies", "Participating agencies' codes.");
        }
        v.Require(r.WindowStart is not null, "windowStart", "When the inspection starts is required.");
        v.Require(r.WindowEnd is not null, "windowEnd", "When the inspection ends is required.");
        if (r.WindowStart is { } start && r.WindowEnd is { } end)
        {
            v.Require(start < end, "windowEnd", "The inspection ends after it starts.");
            v.Require(end - start <= TimeSpan.FromDays(14), "windowEnd", "An inspection window lasts at most 14 days.");
            v.Require(start > now, "windowStart", "A filing is made before the inspection starts.");
        }
        var inspectors = r.Inspectors ?? [];
        v.Require(inspectors.Count is >= 2 and <= 30, "inspectors", "At least two inspectors (and at most 30).");
        for (var i = 0; i < Math.Min(inspectors.Count, 30); i++)
        {
            var inspector = inspectors[i];
            v.Require(inspector is not null && !string.IsNullOrWhiteSpace(inspector.Name) && inspector.Name.Length <= 50 && !inspector.Name.Any(char.IsControl), $"inspectors[{i}].name", "The inspector's name is required (at most 50 characters).");
            v.Require(CertificateShape(inspector?.CertificateNo), $"inspectors[{i}].certificateNo", "An enforcement certificate number is 8 to 20 digits or capital letters.");
        }
        v.Require(inspectors.Select(i => i?.CertificateNo).Distinct().Count() == inspectors.Count, "inspectors", "An inspector is listed twice.");
        v.Require(requestKey is null || RequestKeys.IsWellFormed(requestKey), RequestKeys.Header, "1 to 100 visible ASCII characters, unique per filing.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        // One transaction without savepoints for the whole filing: the number, the filing and its audit
        // entry are one write. A request sent again while the first send is still at work (a double
        // click) waits for it on the key's lock, then finds its filing: the checks below never see the
        // first send's filing as someone else's (the visit filed, the yearly cap reached).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        if (requestKey is not null)
            await RequestKeys.LockAsync(db, agency, requestKey, ct);

        // Sent again after a lost answer: the filing made the first time, not a second one.
        if (requestKey is not null && await RequestKeys.FindAsync(db, agency, requestKey, ct) is { } earlier)
            return RequestKeys.Replay(earlier, r);

        string creditCode, enterpriseName;
        EnterpriseView? enterprise = null;
        List<Participant> agencies;
        List<FiledMatter> matters;
        if (r.JointId is { } jointId)
        {
            var visit = await db.Visits.AsNoTracking().FirstOrDefaultAsync(x => x.JointId == jointId, ct);
            if (visit is null) return Problems.Unprocessable("No such scheduled visit.", new Dictionary<string, string[]> { ["jointId"] = [$"No published plan has visit {jointId}."] });
            if (visit.LeadAgency != agency) return Problems.Forbidden($"The lead agency of {jointId} is {visit.LeadAgency}; only it files the visit.");
            var (from, to) = (Day(r.WindowStart!.Value), Day(r.WindowEnd!.Value));
            if (from < visit.WindowFrom || to > visit.WindowTo)
                return Problems.Unprocessable("The window is outside the visit's window.", new Dictionary<string, string[]> { ["windowStart"] = [$"The plan allows {visit.WindowFrom} to {visit.WindowTo}."] });
            creditCode = visit.CreditCode;
            enterpriseName = visit.EnterpriseName;
            agencies = visit.Agencies.Select(a => new Participant(a.AgencyCode, a.Name)).ToList();
            matters = visit.Matters.Select(m => new FiledMatter(m.MatterCode, m.Name, m.AgencyCode)).ToList();
        }
        else
        {
            var codes = (r.Agencies ?? []).Append(agency).Distinct().ToList();
            var unknown = new Dictionary<string, string[]>();
            enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == r.CreditCode, ct);
            if (enterprise is null) unknown["creditCode"] = ["Not in the park's registry: nothing unlisted may be inspected."];
            var requested = r.MatterCodes ?? [];
            var known = await db.Matters.AsNoTracking().Where(m => requested.Contains(m.Code)).ToListAsync(ct);
            if (requested.Count is 0 or > 50 || known.Count != requested.Distinct().Count()) unknown["matterCodes"] = ["Name 1 to 50 matters of the catalog."];
            else if (known.Any(m => !codes.Contains(m.AgencyCode))) unknown["matterCodes"] = ["Each matter must belong to a participating agency."];
            if (unknown.Count > 0) return Problems.Unprocessable("The filing names what the registry does not know.", unknown);
            creditCode = enterprise!.CreditCode;
            enterpriseName = enterprise.Name;
            agencies = codes.Select(c => new Participant(c, c)).ToList();
            matters = known.OrderBy(m => m.Code).Select(m => new FiledMatter(m.Code, m.Name, m.AgencyCode)).ToList();
        }

        var strangers = inspectors.Where(i => !agencies.Any(a => a.AgencyCode == i.AgencyCode)).Select(i => i.CertificateNo).ToList();
        if (strangers.Count > 0)
            return Problems.Unprocessable("Every inspector comes from a participating agency.", new Dictionary<string, string[]> { ["inspectors"] = [$"Not from a participating agency: {string.Join(", ", strangers)}."] });
        enterprise ??= await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == creditCode, ct);
        var quiet = enterprise?.QuietPeriods ?? [];
        var clash = quiet.FirstOrDefault(q => q.From <= Day(r.WindowEnd!.Value) && Day(r.WindowStart!.Value) <= q.To);
        if (clash is not null)
            return Problems.Unprocessable("The enterprise is not to be disturbed then (无事不扰).", new Dictionary<string, string[]> { ["windowStart"] = [$"{clash.From} to {clash.To}: {clash.Reason}."] });
        if (r.JointId is not null && await db.Filings.AnyAsync(f => f.JointId == r.JointId, ct))
            return Problems.Conflict("Filed at the same moment by another request.", "The visit is filed already, or send the filing again for a new number.");

        var overCap = await OverYearlyCapAsync(db, creditCode, matters, Day(r.WindowStart!.Value).Year, ct);
        if (overCap.Count > 0 && !configuration.GetValue("Filing:AcceptOverCapWithAlert", false))
            return Problems.Unprocessable("The yearly cap of inspections at this enterprise is reached.",
                new Dictionary<string, string[]> { ["matterCodes"] = [.. overCap.Select(c => $"{c}: the enterprise has had its allowed inspections of this matter this year.")] });

        // The number is the agency's next of the year, taken under the lock of its counter row: concurrent
        // filings of one agency wait for each other's commit instead of computing the same number.
        var year = Day(now).Year;
        var number = await db.NextNumberAsync(FilingNumber.Filing, agency, year, ct);
        var filing = new InspectionFiling
        {
            FilingNo = $"BA{year}-{agency}-{number:D5}",
            VerificationCode = VerificationCode.Normalize(VerificationCode.New())!,
            JointId = r.JointId,
            UnplannedReason = r.UnplannedReason?.Trim(),
            CreditCode = creditCode,
            EnterpriseName = enterpriseName,
            LeadAgency = agency,
            Agencies = agencies,
            Matters = matters,
            Inspectors = inspectors.Select(i => new FiledInspector(i.Name!.Trim(), i.CertificateNo!, i.AgencyCode!)).ToList(),
            // Instants are stored in UTC; callers may send any offset (agencies send +08:00).
            WindowStart = r.WindowStart!.Value.ToUniversalTime(),
            WindowEnd = r.WindowEnd!.Value.ToUniversalTime(),
            Status = FilingStatus.Filed,
            OverYearlyCap = overCap.Count > 0,
            FiledAt = now,
            FiledBy = actor.Subject,
            FiledVia = actor.ClientId,
            RequestKey = requestKey,
        };
        db.Filings.Add(filing);
        Telemetry.TagInspection(filing.JointId, filing.FilingNo);
        db.EnqueueEvent(new InspectionFiled(filing.FilingNo, filing.JointId, filing.JointId is null, creditCode, agency,
            agencies.Select(a => a.AgencyCode).ToList(), matters.Select(m => m.MatterCode).ToList(), filing.WindowStart, filing.WindowEnd, now), clock);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same visit filed at the same moment by another request (sends of one request never
            // get here: they wait for each other on the key's lock).
            return Problems.Conflict("Filed at the same moment by another request.", "The visit is filed already, or send the filing again for a new number.");
        }
        return TypedResults.Created($"/api/filing/filings/{filing.FilingNo}", FilingResponse.From(filing));
    }

    /// <summary>Matters whose yearly cap (from the catalog) the enterprise's filings of that year already reach.</summary>
    static async Task<List<string>> OverYearlyCapAsync(FilingDb db, string creditCode, List<FiledMatter> matters, int year, CancellationToken ct)
    {
        var from = StartOfDay(new DateOnly(year, 1, 1));
        var to = from.AddYears(1);
        var codes = matters.Select(m => m.MatterCode).ToList();
        var caps = await db.Matters.AsNoTracking().Where(m => codes.Contains(m.Code) && m.YearlyCapPerEnterprise > 0).ToDictionaryAsync(m => m.Code, m => m.YearlyCapPerEnterprise, ct);
        if (caps.Count == 0) return [];
        // Counted in the database: an enterprise may have had many filings this year.
        var (capped, limits) = (caps.Keys.ToArray(), caps.Values.ToArray());
        return await db.Database.SqlQuery<string>($"""
            SELECT m.code AS "Value" FROM unnest({capped}, {limits}) AS m(code, cap)
            WHERE (SELECT count(*) FROM filings f
                   WHERE f.credit_code = {creditCode} AND f.status <> 'Revoked' AND f.window_start >= {from} AND f.window_start < {to}
                     AND f.matters @> jsonb_build_array(jsonb_build_object('matterCode', m.code))) >= m.cap
            ORDER BY m.code COLLATE "C"
            """).ToListAsync(ct);
    }

    static bool CertificateShape(string? number) =>
        number is { Length: >= 8 and <= 20 } && number.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    /// <summary>Who may read a filing: its agencies, the enterprise inspected, the office.</summary>
    public static bool MayRead(Actor actor, InspectionFiling f) =>
        actor.IsIn(Roles.Office)
        || (actor.IsIn(Roles.Agency) && f.Agencies.Any(a => a.AgencyCode == actor.AgencyCode))
        || (actor.IsIn(Roles.Enterprise) && actor.CreditCode == f.CreditCode);

    static async Task<Results<Ok<FilingResponse>, ProblemHttpResult>> Get(string filingNo, FilingDb db, Actor actor, CancellationToken ct)
    {
        var filing = await db.Filings.AsNoTracking().FirstOrDefaultAsync(f => f.FilingNo == filingNo, ct);
        // Someone else's filing answers as if it did not exist: its number says nothing.
        return filing is null || !MayRead(actor, filing)
            ? Problems.NotFound("No such filing.", $"No filing {filingNo} that you may see.")
            : TypedResults.Ok(FilingResponse.From(filing));
    }

    static async Task<Results<Ok<List<FilingResponse>>, ProblemHttpResult>> List(FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var query = db.Filings.AsNoTracking();
        if (actor.IsIn(Roles.Office)) { }
        else if (actor.IsIn(Roles.Agency)) query = query.Where(f => f.LeadAgency == actor.AgencyCode);
        else if (actor.IsIn(Roles.Enterprise))
        {
            var now = clock.GetUtcNow();
            query = query.Where(f => f.CreditCode == actor.CreditCode && f.WindowEnd >= now);
        }
        else return Problems.Forbidden("Filings are for agencies, enterprises and the office.");
        var filings = await query.OrderBy(f => f.WindowStart).Take(500).ToListAsync(ct);
        return TypedResults.Ok(filings.Where(f => MayRead(actor, f)).Select(FilingResponse.From).ToList());
    }
}
