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

/// <summary>An agency that confirmed it takes part in an unplanned inspection, and when.</summary>
public sealed record ConfirmedParticipant(string AgencyCode, DateTimeOffset ConfirmedAt);

/// <summary>Why and when the filing agency cancelled a filing.</summary>
public sealed record FilingCancellation(string Reason, DateTimeOffset CancelledAt);

public sealed record FilingResponse(string FilingNo, string VerificationCode, string? JointId, string? UnplannedReason, string CreditCode, string EnterpriseName,
    string LeadAgency, IReadOnlyList<Participant> Agencies, IReadOnlyList<FiledMatter> Matters, IReadOnlyList<FiledInspector> Inspectors,
    DateTimeOffset WindowStart, DateTimeOffset WindowEnd, FilingStatus Status, IReadOnlyList<ConfirmedParticipant> Confirmations, bool OverYearlyCap,
    DateTimeOffset FiledAt, string QrCode, string Form, FilingCancellation? Cancellation, IReadOnlyList<RescheduleResponse> Reschedules)
{
    public static FilingResponse From(InspectionFiling f) => new(f.FilingNo, Domain.VerificationCode.Format(f.VerificationCode), f.JointId, f.UnplannedReason, f.CreditCode,
        f.EnterpriseName, f.LeadAgency, f.Agencies, f.Matters, f.Inspectors, f.WindowStart, f.WindowEnd, f.Status,
        f.Confirmations.Select(c => new ConfirmedParticipant(c.AgencyCode, c.ConfirmedAt)).ToList(), f.OverYearlyCap, f.FiledAt,
        $"/api/filing/filings/{f.FilingNo}/qr.png", $"/api/filing/filings/{f.FilingNo}/form",
        f.CancelledAt is { } at ? new FilingCancellation(f.CancellationReason!, at) : null,
        [.. f.Reschedules.Select(r => new RescheduleResponse(r.PreviousWindowStart, r.PreviousWindowEnd, r.WindowStart, r.WindowEnd, r.Reason, r.RescheduledAt))]);
}

/// <summary>An earlier window and why it moved, as every reader of the filing sees it; who moved it stays in
/// the filing's row and the audit trail, like who filed it (the enterprise reads this too).</summary>
public sealed record RescheduleResponse(DateTimeOffset PreviousWindowStart, DateTimeOffset PreviousWindowEnd, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    string Reason, DateTimeOffset RescheduledAt);

/// <summary>No inspection without a filing made before it (备案清单): the lead agency of a scheduled
/// visit files it, or an agency files an unplanned inspection with its reason.</summary>
public static class FileInspection
{
    public static RouteGroupBuilder MapFilings(this RouteGroupBuilder group)
    {
        group.MapPost("/", File).RequireAuthorization(Roles.Agency).WithSummary("检查备案 File an inspection before it happens (agency)");
        group.MapGet("/{filingNo}", Get).RequireAuthorization().WithSummary("备案表 One filing (its agencies, the enterprise, the office)");
        group.MapGet("/", List).RequireAuthorization().WithSummary("备案记录 Filings, the latest filed first, a page at a time, by enterprise, agency, status or the days they start: an agency its own, an enterprise its upcoming ones, the office all");
        return group;
    }

    /// <summary>What is inspected: the enterprise, the participating agencies and the matters, from the
    /// published plan's visit or from an unplanned filing's own words.</summary>
    sealed record Target(string CreditCode, string EnterpriseName, List<Participant> Agencies, List<FiledMatter> Matters);

    static async Task<Results<Created<FilingResponse>, Ok<FilingResponse>, ValidationProblem, ProblemHttpResult>> File(
        FileInspectionRequest r, HttpRequest http, FilingDb db, Actor actor, TimeProvider clock, IOptions<FilingOptions> options, CancellationToken ct)
    {
        var agency = actor.AgencyCode!;
        var now = clock.GetUtcNow();
        var requestKey = RequestKeys.Of(http);
        // Sent again after a lost answer, perhaps after the planned start: the filing made the first time,
        // looked up before the window is checked against the clock (the replay checks it is the same request).
        if (requestKey is not null && RequestKeys.IsWellFormed(requestKey) && await RequestKeys.FindAsync(db, agency, requestKey, ct) is { } made)
            return RequestKeys.Replay(made, r);
        var v = Validate(r, requestKey, now);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        // One transaction without savepoints for the whole filing: the number, the filing and its audit
        // entry are one write. A request sent again while the first send is still at work (a double
        // click) waits for it on the key's lock, then finds its filing: the checks below never see the
        // first send's filing as someone else's (the visit filed, the yearly cap reached).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        if (requestKey is not null)
        {
            await RequestKeys.LockAsync(db, agency, requestKey, ct);
            // Sent again after a lost answer: the filing made the first time, not a second one.
            if (await RequestKeys.FindAsync(db, agency, requestKey, ct) is { } earlier) return RequestKeys.Replay(earlier, r);
        }

        var (target, problem) = r.JointId is { } jointId ? await ScheduledVisitAsync(db, r, jointId, agency, ct) : await UnplannedAsync(db, r, agency, ct);
        if (problem is not null) return problem;
        // Planning's news of a cancelled visit or a departed enterprise waits on this lock, and is seen once past it.
        await db.LockRowAsync((EnterpriseWithQuietPeriods e) => e.CreditCode, target!.CreditCode, ct);
        problem = await CancelledVisitAsync(db, r, ct) ?? await LeftTheParkAsync(db, target.CreditCode, r.WindowEnd!.Value, ct)
            ?? await RosterAsync(db, r, target, ct) ?? await RefusalAsync(db, r, target, ct);
        if (problem is not null) return problem;
        var overCap = await OverYearlyCapAsync(db, target!.CreditCode, target.Matters, Day(r.WindowStart!.Value).Year, ct);
        if (overCap.Count > 0 && !options.Value.AcceptOverCapWithAlert)
            return Problems.Unprocessable("The yearly cap of inspections at this enterprise is reached.",
                new Dictionary<string, string[]> { ["matterCodes"] = [.. overCap.Select(c => $"{c}: the enterprise has had its allowed inspections of this matter this year.")] });

        var filing = await NewFilingAsync(db, r, target, overCap.Count > 0, actor, requestKey, now, ct);
        db.Filings.Add(filing);
        Telemetry.TagInspection(filing.JointId, filing.FilingNo);
        // A filing awaiting its participants' confirmation is announced once they all confirmed.
        if (filing.Status == FilingStatus.Filed) db.EnqueueEvent(Filed(filing, now), clock);
        if (overCap.Count > 0) Alerts.YearlyCapAlerts.Raise(db, filing, overCap, now, clock);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same visit filed at the same moment by another request (sends of one request never
            // get here: they wait for each other on the key's lock).
            return Problems.Conflict("Filed at the same moment by another request.", "The visit is filed already, or send the filing again for a new number.");
        }
        return TypedResults.Created($"/api/filing/filings/{filing.FilingNo}", FilingResponse.From(filing));
    }

    public static InspectionFiled Filed(InspectionFiling f, DateTimeOffset filedAt) =>
        new(f.FilingNo, f.JointId, f.JointId is null, f.CreditCode, f.LeadAgency, f.Agencies.Select(a => a.AgencyCode).ToList(),
            f.Matters.Select(m => m.MatterCode).ToList(), f.WindowStart, f.WindowEnd, filedAt);

    /// <summary>The filing's own shape, before anything is looked up.</summary>
    static Validation Validate(FileInspectionRequest r, string? requestKey, DateTimeOffset now)
    {
        var v = new Validation();
        v.Require((r.JointId is null) != (r.UnplannedReason is null), "jointId", "Name the scheduled visit, or give the reason for an unplanned inspection, not both.");
        v.OptionalCode("jointId", r.JointId, 60);
        if (r.UnplannedReason is not null)
        {
            v.Text("unplannedReason", r.UnplannedReason, 500, min: 4);
            v.CreditCode("creditCode", r.CreditCode);
            v.Codes("matterCodes", r.MatterCodes, 1, 50);
        }
        v.List("agencies", r.Agencies, 0, CountyAgencies.MostNamedAtOnce, (path, code) => v.AgencyCode(path, code));
        FiledWindow(v, r.WindowStart, r.WindowEnd, now);
        InspectorChecks.Check(v, "inspectors", r.Inspectors);
        v.Require(requestKey is null || RequestKeys.IsWellFormed(requestKey), RequestKeys.Header, "1 to 100 visible ASCII characters, unique per filing.");
        return v;
    }

    /// <summary>A filed window: at most two weeks, starting after the filing is made (or moved).</summary>
    internal static void FiledWindow(Validation v, DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset now)
    {
        v.Window("windowStart", start, "windowEnd", end, TimeSpan.FromDays(14));
        if (start is { } s) v.Require(s > now, "windowStart", "A filing is made before the inspection starts.");
    }

    /// <summary>A visit of the published plan, filed by its lead agency inside the visit's window.</summary>
    static async Task<(Target?, ProblemHttpResult?)> ScheduledVisitAsync(FilingDb db, FileInspectionRequest r, string jointId, string agency, CancellationToken ct)
    {
        var visit = await db.Visits.AsNoTracking().FirstOrDefaultAsync(x => x.JointId == jointId, ct);
        if (visit is null) return (null, Problems.Unprocessable("No such scheduled visit.", new Dictionary<string, string[]> { ["jointId"] = [$"No published plan has visit {jointId}."] }));
        if (visit.LeadAgency != agency) return (null, Problems.Forbidden($"The lead agency of {jointId} is {visit.LeadAgency}; only it files the visit."));
        if (OutsideVisitWindow(visit, r.WindowStart!.Value, r.WindowEnd!.Value) is { } outside) return (null, outside);
        // The visit's agencies are its participants; a filing that names agencies names only those.
        var outsiders = (r.Agencies ?? []).Select((code, i) => (code, i)).Where(a => visit.Agencies.All(x => x.AgencyCode != a.code)).ToList();
        if (outsiders.Count > 0)
            return (null, Problems.Unprocessable("A participating agency must be one the visit names.",
                outsiders.ToDictionary(a => $"agencies[{a.i}]", a => new[] { $"{a.code} is not an agency of visit {jointId}." })));
        return (new Target(visit.CreditCode, visit.EnterpriseName,
            visit.Agencies.Select(a => new Participant(a.AgencyCode, a.Name)).ToList(),
            visit.Matters.Select(m => new FiledMatter(m.MatterCode, m.Name, m.AgencyCode)).ToList()), null);
    }

    /// <summary>A scheduled visit is inspected inside the window the plan gave it.</summary>
    internal static ProblemHttpResult? OutsideVisitWindow(ScheduledVisit visit, DateTimeOffset start, DateTimeOffset end) =>
        Day(start) < visit.WindowFrom || Day(end) > visit.WindowTo
            ? Problems.Unprocessable("The window is outside the visit's window.", new Dictionary<string, string[]> { ["windowStart"] = [$"The plan allows {visit.WindowFrom} to {visit.WindowTo}."] })
            : null;

    /// <summary>An unplanned inspection: a registered enterprise, matters of the catalog that belong to
    /// the participating agencies.</summary>
    static async Task<(Target?, ProblemHttpResult?)> UnplannedAsync(FilingDb db, FileInspectionRequest r, string agency, CancellationToken ct)
    {
        var codes = (r.Agencies ?? []).Append(agency).Distinct().ToList();
        var unknown = new Dictionary<string, string[]>();
        var registry = await db.Rosters.AsNoTracking().Where(x => codes.Contains(x.AgencyCode)).ToDictionaryAsync(x => x.AgencyCode, x => x.Name, ct);
        foreach (var (code, i) in (r.Agencies ?? []).Select((code, i) => (code, i)).Where(a => !registry.ContainsKey(a.code)))
            unknown[$"agencies[{i}]"] = [$"{code} is not an agency of the registry."];
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == r.CreditCode, ct);
        if (enterprise is null) unknown["creditCode"] = ["Not in the park's registry: nothing unlisted may be inspected."];
        var requested = r.MatterCodes!;
        var known = await db.Matters.AsNoTracking().Where(m => requested.Contains(m.Code)).ToListAsync(ct);
        if (known.Count != requested.Count) unknown["matterCodes"] = ["Name 1 to 50 matters of the catalog."];
        else if (known.Any(m => !codes.Contains(m.AgencyCode))) unknown["matterCodes"] = ["Each matter must belong to a participating agency."];
        if (unknown.Count > 0) return (null, Problems.Unprocessable("The filing names what the registry does not know.", unknown));
        return (new Target(enterprise!.CreditCode, enterprise.Name, codes.Select(c => new Participant(c, registry.GetValueOrDefault(c, c))).ToList(),
            known.OrderBy(m => m.Code).Select(m => new FiledMatter(m.Code, m.Name, m.AgencyCode)).ToList()), null);
    }

    /// <summary>Every inspector is on the roster of a participating agency, certified for the window's days.</summary>
    static async Task<ProblemHttpResult?> RosterAsync(FilingDb db, FileInspectionRequest r, Target target, CancellationToken ct)
    {
        var participants = target.Agencies.Select(a => a.AgencyCode).ToList();
        var errors = RosterChecks.Check("inspectors", r.Inspectors!, participants, await RosterChecks.RostersAsync(db, participants, ct),
            Day(r.WindowStart!.Value), Day(r.WindowEnd!.Value));
        return errors.Count > 0 ? Problems.Unprocessable(RosterChecks.Title, errors) : null;
    }

    /// <summary>Why a well-formed filing of a known target with certified inspectors is refused: the
    /// enterprise's quiet days, the visit filed already.</summary>
    static async Task<ProblemHttpResult?> RefusalAsync(FilingDb db, FileInspectionRequest r, Target target, CancellationToken ct)
    {
        if (await QuietPeriodAsync(db, target.CreditCode, r.WindowStart!.Value, r.WindowEnd!.Value, ct) is { } quiet) return quiet;
        if (r.JointId is not null && await db.Filings.AnyAsync(f => f.JointId == r.JointId && f.Status != FilingStatus.Revoked, ct))
            return Problems.Conflict("Filed at the same moment by another request.", "The visit is filed already, or send the filing again for a new number.");
        return null;
    }

    /// <summary>A visit planning cancelled is not filed.</summary>
    static async Task<ProblemHttpResult?> CancelledVisitAsync(FilingDb db, FileInspectionRequest r, CancellationToken ct) =>
        r.JointId is not null && await db.Visits.AsNoTracking().Where(v => v.JointId == r.JointId && v.CancelledAt != null)
            .Select(v => v.CancellationReason).FirstOrDefaultAsync(ct) is { } reason
            ? Problems.Unprocessable("The visit was cancelled.", new Dictionary<string, string[]> { ["jointId"] = [$"Planning cancelled visit {r.JointId}: {reason}"] })
            : null;

    /// <summary>Nothing is inspected at an enterprise on or after the day it left the park.</summary>
    internal static async Task<ProblemHttpResult?> LeftTheParkAsync(FilingDb db, string creditCode, DateTimeOffset end, CancellationToken ct) =>
        await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == creditCode).Select(e => e.LeftOn).FirstOrDefaultAsync(ct) is { } left && Day(end) >= left
            ? Problems.Unprocessable("The enterprise has left the park.", new Dictionary<string, string[]> { ["creditCode"] = [$"It left the park on {left:yyyy-MM-dd}: nothing is inspected there from that day."] })
            : null;

    /// <summary>The enterprise's quiet days (无事不扰) the window touches, if any.</summary>
    internal static async Task<ProblemHttpResult?> QuietPeriodAsync(FilingDb db, string creditCode, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == creditCode, ct);
        var clash = (enterprise?.QuietPeriods ?? []).FirstOrDefault(q => q.From <= Day(end) && Day(start) <= q.To);
        return clash is null ? null
            : Problems.Unprocessable("The enterprise is not to be disturbed then (无事不扰).", new Dictionary<string, string[]> { ["windowStart"] = [$"{clash.From} to {clash.To}: {clash.Reason}."] });
    }

    /// <summary>The filing, numbered as the agency's next of the year.</summary>
    static async Task<InspectionFiling> NewFilingAsync(FilingDb db, FileInspectionRequest r, Target target, bool overCap, Actor actor, string? requestKey, DateTimeOffset now, CancellationToken ct)
    {
        // The number is taken under the lock of the agency's counter row: concurrent filings of one agency
        // wait for each other's commit instead of computing the same number.
        var (agency, year) = (actor.AgencyCode!, Day(now).Year);
        var number = await db.NextNumberAsync(FilingNumber.Filing, agency, year, ct);
        return new InspectionFiling
        {
            FilingNo = $"BA{year}-{agency}-{number:D5}",
            VerificationCode = VerificationCode.Normalize(VerificationCode.New())!,
            JointId = r.JointId,
            UnplannedReason = r.UnplannedReason?.Trim(),
            CreditCode = target.CreditCode,
            EnterpriseName = target.EnterpriseName,
            LeadAgency = agency,
            Agencies = target.Agencies,
            Matters = target.Matters,
            Inspectors = r.Inspectors!.Select(i => new FiledInspector(i!.Name!.Trim(), i.CertificateNo!, i.AgencyCode!)).ToList(),
            // Instants are stored in UTC; callers may send any offset (agencies send +08:00).
            WindowStart = r.WindowStart!.Value.ToUniversalTime(),
            WindowEnd = r.WindowEnd!.Value.ToUniversalTime(),
            // Agencies of a published visit agreed through the plan; other agencies named on an unplanned
            // filing agree by confirming it (ConfirmParticipation), before the window starts.
            Status = r.JointId is null && target.Agencies.Any(a => a.AgencyCode != agency) ? FilingStatus.AwaitingConfirmation : FilingStatus.Filed,
            OverYearlyCap = overCap,
            FiledAt = now,
            FiledBy = actor.Subject,
            FiledVia = actor.ClientId,
            RequestKey = requestKey,
        };
    }

    /// <summary>Matters whose yearly cap (from the catalog) the enterprise's filings of that year already reach.</summary>
    internal static async Task<List<string>> OverYearlyCapAsync(FilingDb db, string creditCode, List<FiledMatter> matters, int year, CancellationToken ct)
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
                   WHERE f.credit_code = {creditCode} AND f.status <> {nameof(FilingStatus.Revoked)} AND f.window_start >= {from} AND f.window_start < {to}
                     AND f.matters @> jsonb_build_array(jsonb_build_object('matterCode', m.code))) >= m.cap
            ORDER BY m.code COLLATE "C"
            """).ToListAsync(ct);
    }

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

    static async Task<Results<Ok<Page<FilingResponse>>, ValidationProblem, ProblemHttpResult>> List(FilingDb db, Actor actor, TimeProvider clock,
        string? creditCode, string? agencyCode, FilingStatus? status, DateOnly? from, DateOnly? to, string? after, int? limit, CancellationToken ct)
    {
        var v = new Validation().After(after, 40);
        var size = v.Limit(limit);
        var (query, forbidden) = Matching(db, actor, clock, v, creditCode, agencyCode, status, from, to);
        if (forbidden is not null) return forbidden;
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (after is not null)
        {
            if (await query!.AfterAsync(after, f => f.FiledAt, f => f.FilingNo, ct) is not { } rest) return TypedResults.ValidationProblem(Paging.UnknownAfter);
            query = rest;
        }
        return TypedResults.Ok(await query!.OrderByDescending(f => f.FiledAt).ThenByDescending(f => f.FilingNo).PageAsync(size, f => f.FilingNo, FilingResponse.From, ct));
    }

    /// <summary>The filings a reader may list, narrowed by the list's filters (checked into <paramref name="v"/>):
    /// the one rule for the list and its export (备案台账).</summary>
    internal static (IQueryable<InspectionFiling>? Query, ProblemHttpResult? Forbidden) Matching(FilingDb db, Actor actor, TimeProvider clock, Validation v,
        string? creditCode, string? agencyCode, FilingStatus? status, DateOnly? from, DateOnly? to)
    {
        var query = db.Filings.AsNoTracking();
        if (actor.IsIn(Roles.Office)) { }
        else if (actor.IsIn(Roles.Agency)) query = query.Where(f => f.LeadAgency == actor.AgencyCode);
        else if (actor.IsIn(Roles.Enterprise))
        {
            var now = clock.GetUtcNow();
            query = query.Where(f => f.CreditCode == actor.CreditCode && f.WindowEnd >= now);
        }
        else return (null, Problems.Forbidden("Filings are for agencies, enterprises and the office."));

        v.OptionalAgencyCode("agencyCode", agencyCode);
        if (creditCode is not null) v.CreditCode("creditCode", creditCode);
        if (from is not null && to is not null) v.Window("from", from, "to", to);
        if (creditCode is not null) query = query.Where(f => f.CreditCode == creditCode);
        if (agencyCode is not null) query = query.Where(f => f.LeadAgency == agencyCode);
        if (status is { } s) query = query.Where(f => f.Status == s);
        // Inspections whose window starts on those days (China's calendar).
        if (from is { } first) { var start = StartOfDay(first); query = query.Where(f => f.WindowStart >= start); }
        if (to is { } last) { var end = StartOfDay(last.AddDays(1)); query = query.Where(f => f.WindowStart < end); }
        return (query, null);
    }
}
