using ReadModels;
using Persistence;
using Filing.Api.Features.Filing;
using Filing.Api.Features.Recording;
using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Emergency;

public sealed record PreFileRequest(string? CreditCode, string? Reason, string? ApprovedBy, DateTimeOffset? ApprovedAt, DateTimeOffset? ExpectedEndAt);

public sealed record EndRequest(DateTimeOffset? EndedAt);

/// <summary>The written filing: the matters and inspectors, the narrative of what was found (<see cref="Findings"/>)
/// and each finding as any inspection records it (<see cref="FindingList"/>), which tolerance decides on.</summary>
public sealed record BackfillRequest(IReadOnlyList<string>? MatterCodes, IReadOnlyList<Filing.InspectorRequest>? Inspectors, string? Findings,
    IReadOnlyList<FindingRequest>? FindingList = null);

public sealed record WithdrawRequest(string? Reason);

public sealed record EmergencyResponse(string ProvisionalNo, string AgencyCode, string CreditCode, string EnterpriseName, string ApprovedBy, DateTimeOffset ApprovedAt,
    string Reason, DateTimeOffset ExpectedEndAt, DateTimeOffset? EndedAt, DateOnly? BackfillDeadline, DateTimeOffset? BackfilledAt, bool Overdue,
    DateTimeOffset? WithdrawnAt, string? WithdrawalReason, int? CalendarMissingFor)
{
    public static EmergencyResponse From(EmergencyPreFiling e) => new(e.ProvisionalNo, e.AgencyCode, e.CreditCode, e.EnterpriseName, e.ApprovedBy, e.ApprovedAt,
        e.Reason, e.ExpectedEndAt, e.EndedAt, e.BackfillDeadline, e.BackfilledAt, e.OverdueRaisedAt is not null, e.WithdrawnAt, e.WithdrawalReason, e.CalendarMissingFor);
}

/// <summary>Emergencies (紧急情况): the deputy head's oral approval is recorded at once under a
/// provisional number the office can look up when the enterprise phones (by number, or by enterprise,
/// agency and day); when the inspection ends, the written filing is due within 5 working days
/// (5个工作日内补报) by the working calendar. The pre-filing states when it is expected to end and is due
/// as if it ended then until an end is recorded in time: an end never recorded is no way out of the
/// deadline. The written filing completes the inspection like any other (<see cref="InspectionCompleted"/>).</summary>
public static class EmergencyPreFilings
{
    public const int BackfillWorkingDays = 5;

    public static RouteGroupBuilder MapEmergency(this RouteGroupBuilder group)
    {
        group.MapPost("/", PreFile).RequireAuthorization(Roles.Agency).WithSummary("紧急口头备案 Record an emergency's oral pre-filing (agency)");
        group.MapGet("/", EmergencyLookup.List).RequireAuthorization().WithSummary("查询紧急备案 Pre-filings by enterprise, agency and day, newest first (the office all, an agency or enterprise its own)");
        group.MapGet("/{provisionalNo}", Get).RequireAuthorization().WithSummary("查询紧急备案 Look up a pre-filing (the office, the agency, the enterprise)");
        group.MapPost("/{provisionalNo}/end", End).RequireAuthorization(Roles.Agency).WithSummary("检查结束 The emergency inspection ended: the backfill clock starts");
        group.MapPost("/{provisionalNo}/backfill", Backfill).RequireAuthorization(Roles.Agency).WithSummary("书面补报 The written filing (agency)");
        group.MapPost("/{provisionalNo}/withdraw", Withdraw).RequireAuthorization(Roles.Agency).WithSummary("撤回紧急备案 Withdraw a pre-filing before the inspection ended, with a reason (agency)");
        return group;
    }

    /// <summary>An emergency inspection lasts at most as long as a filed window.</summary>
    static readonly TimeSpan MaxDuration = TimeSpan.FromDays(14);

    static async Task<Results<Created<EmergencyResponse>, ValidationProblem, ProblemHttpResult>> PreFile(PreFileRequest r, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        v.CreditCode("creditCode", r.CreditCode);
        v.Text("reason", r.Reason, 500, min: 4);
        v.Text("approvedBy", r.ApprovedBy, 50, min: 2);
        v.Require(r.ApprovedAt is { } at && at <= now.AddMinutes(5) && at >= now.AddDays(-2), "approvedAt", "When it was approved: within the last two days.");
        v.Require(r.ExpectedEndAt is { } end && (r.ApprovedAt is not { } approved || (end > approved && end <= approved.Add(MaxDuration))), "expectedEndAt",
            "When it is expected to end: after the approval, within 14 days of it.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == r.CreditCode, ct);
        if (enterprise is null) return Problems.Unprocessable("Unknown enterprise.", new Dictionary<string, string[]> { ["creditCode"] = ["Not in the park's registry."] });

        var agency = actor.AgencyCode!;
        var year = Day(now).Year;
        // Numbered like filings, from the agency's counter of the series, in one transaction without savepoints.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        var sequence = await db.NextNumberAsync(FilingNumber.Emergency, agency, year, ct);
        var emergency = new EmergencyPreFiling
        {
            ProvisionalNo = $"JJ{year}-{agency}-{sequence:D4}", AgencyCode = agency, CreditCode = enterprise.CreditCode, EnterpriseName = enterprise.Name,
            ApprovedBy = r.ApprovedBy!.Trim(), ApprovedAt = r.ApprovedAt!.Value.ToUniversalTime(), Reason = r.Reason!.Trim(), RecordedAt = now, RecordedBy = actor.Subject,
            ExpectedEndAt = r.ExpectedEndAt!.Value.ToUniversalTime(),
        };
        // Due from the start as if it ends when expected: the sweep needs no end to find it late.
        SetDeadline(emergency, Day(r.ExpectedEndAt.Value), await ClockAsync(db, ct));
        db.Emergencies.Add(emergency);
        db.EnqueueEvent(new EmergencyPreFiled(emergency.ProvisionalNo, agency, emergency.CreditCode, emergency.ApprovedBy, emergency.Reason, emergency.ApprovedAt), clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/filing/emergency/{emergency.ProvisionalNo}", EmergencyResponse.From(emergency));
    }

    static async Task<Results<Ok<EmergencyResponse>, ProblemHttpResult>> Get(string provisionalNo, FilingDb db, Actor actor, CancellationToken ct)
    {
        var e = await db.Emergencies.AsNoTracking().FirstOrDefaultAsync(x => x.ProvisionalNo == provisionalNo, ct);
        var mayRead = e is not null && (actor.IsIn(Roles.Office) || actor.AgencyCode == e.AgencyCode || (actor.IsIn(Roles.Enterprise) && actor.CreditCode == e.CreditCode));
        return mayRead ? TypedResults.Ok(EmergencyResponse.From(e!)) : Problems.NotFound("No such pre-filing.", $"No pre-filing {provisionalNo} that you may see.");
    }

    static async Task<(EmergencyPreFiling?, ProblemHttpResult?)> OwnAsync(FilingDb db, string provisionalNo, Actor actor, CancellationToken ct)
    {
        var e = await db.Emergencies.FirstOrDefaultAsync(x => x.ProvisionalNo == provisionalNo, ct);
        return e is null || e.AgencyCode != actor.AgencyCode ? (null, Problems.NotFound("No such pre-filing.", $"No pre-filing {provisionalNo} of yours.")) : (e, null);
    }

    static async Task<Results<Ok<EmergencyResponse>, ValidationProblem, ProblemHttpResult>> End(string provisionalNo, EndRequest r, FilingDb db, Actor actor, TimeProvider clock,
        IOptions<FilingOptions> options, CancellationToken ct)
    {
        var (e, problem) = await OwnAsync(db, provisionalNo, actor, ct);
        if (problem is not null) return problem;
        if (e!.WithdrawnAt is not null) return Problems.Conflict("Withdrawn.", $"It was withdrawn at {e.WithdrawnAt:u}.");
        if (e.EndedAt is not null) return Problems.Conflict("Already ended.", $"It ended at {e.EndedAt:u}.");
        var now = clock.GetUtcNow();
        if (r.EndedAt is not { } ended || ended < e.ApprovedAt || ended > now.AddMinutes(5))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endedAt"] = ["When it ended: after the approval, not in the future."] });
        e.EndedAt = ended.ToUniversalTime();
        // Recorded in time, the real end sets the deadline; recorded after the grace period, the deadline
        // set by the expected end stands, so a late record never buys time.
        if (now <= e.ExpectedEndAt + options.Value.EndGracePeriod)
            SetDeadline(e, Day(ended), await ClockAsync(db, ct));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EmergencyResponse.From(e));
    }

    static async Task<Results<Ok<EmergencyResponse>, ValidationProblem, ProblemHttpResult>> Backfill(string provisionalNo, BackfillRequest r, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var (e, problem) = await OwnAsync(db, provisionalNo, actor, ct);
        if (problem is not null) return problem;
        if (e!.WithdrawnAt is not null) return Problems.Conflict("Withdrawn.", $"It was withdrawn at {e.WithdrawnAt:u}.");
        if (e.EndedAt is null) return Problems.Conflict("Not ended yet.", "Record when the inspection ended first.");
        if (e.BackfillDeadline is null) return Problems.Conflict("No working calendar yet.", $"The office has not entered the working calendar of {e.CalendarMissingFor}: the deadline is unknown.");
        if (e.BackfilledAt is not null) return Problems.Conflict("Already filed in writing.", $"Filed at {e.BackfilledAt:u}.");
        var v = new Validation();
        InspectorChecks.Check(v, "inspectors", r.Inspectors);
        v.Codes("matterCodes", r.MatterCodes, 1, 50);
        v.OptionalText("findings", r.Findings, 4000, min: 0, multiline: true);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var matters = await db.Matters.AsNoTracking().Where(m => r.MatterCodes!.Contains(m.Code)).ToListAsync(ct);
        if (matters.Count != r.MatterCodes!.Count)
            return Problems.Unprocessable("Unknown matters.", new Dictionary<string, string[]> { ["matterCodes"] = ["Name matters of the catalog."] });
        var filed = matters.Select(m => new FiledMatter(m.Code, m.Name, m.AgencyCode)).ToList();
        var findings = r.FindingList ?? [];
        RecordInspection.CheckFindings(v, "findingList", findings, filed, Day(clock.GetUtcNow()));
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        // The oral approval was the agency's own: its inspectors alone took part, certified on the days it ran.
        var inspectors = RosterChecks.Check("inspectors", r.Inspectors!, [e.AgencyCode], await RosterChecks.RostersAsync(db, [e.AgencyCode], ct),
            Day(e.ApprovedAt), Day(e.EndedAt.Value), defaultAgency: e.AgencyCode);
        if (inspectors.Count > 0) return Problems.Unprocessable(RosterChecks.Title, inspectors);

        e.Matters = filed;
        e.Inspectors = r.Inspectors!.Select(i => new FiledInspector(i.Name!.Trim(), i.CertificateNo!, i.AgencyCode ?? e.AgencyCode)).ToList();
        e.Findings = r.Findings;
        e.BackfilledAt = clock.GetUtcNow();
        e.BackfilledBy = actor.Subject;
        db.EnqueueEvent(new EmergencyBackfilled(e.ProvisionalNo, e.AgencyCode, e.CreditCode, e.BackfillDeadline!.Value, e.BackfilledAt.Value,
            Day(e.BackfilledAt.Value) <= e.BackfillDeadline.Value), clock);
        // The emergency inspection counts like any other: the ledger, tolerance, the rating, solo inspections.
        db.EnqueueEvent(RecordInspection.Completed(e.ProvisionalNo, null, e.CreditCode, e.AgencyCode, [e.AgencyCode],
            RecordInspection.Findings(findings, filed), e.ApprovedAt, e.EndedAt.Value, emergency: true), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EmergencyResponse.From(e));
    }

    /// <summary>A pre-filing recorded in error, or an emergency that did not take place, is withdrawn with its
    /// reason while its inspection may still be going on: not once it ended, and not after its expected end
    /// and the grace period, when its written filing is due whatever is said.</summary>
    static async Task<Results<Ok<EmergencyResponse>, ValidationProblem, ProblemHttpResult>> Withdraw(string provisionalNo, WithdrawRequest r, FilingDb db, Actor actor,
        TimeProvider clock, IOptions<FilingOptions> options, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockRowAsync((EmergencyPreFiling e) => e.ProvisionalNo, provisionalNo, ct);
        var (e, problem) = await OwnAsync(db, provisionalNo, actor, ct);
        if (problem is not null) return problem;
        var now = clock.GetUtcNow();
        if (e!.WithdrawnAt is not null) return Problems.Conflict("Withdrawn.", $"It was withdrawn at {e.WithdrawnAt:u}.");
        if (e.EndedAt is not null || e.BackfilledAt is not null || now > e.ExpectedEndAt + options.Value.EndGracePeriod)
            return Problems.Conflict("Too late to withdraw.", "The inspection ended or was due to end: file it in writing.");
        var v = new Validation().Text("reason", r.Reason, 500, min: 4);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        e.WithdrawnAt = now;
        e.WithdrawnBy = actor.Subject;
        e.WithdrawalReason = r.Reason!.Trim();
        db.EnqueueEvent(new EmergencyWithdrawn(e.ProvisionalNo, e.AgencyCode, e.CreditCode, e.WithdrawalReason, now), clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(EmergencyResponse.From(e));
    }

    public static async Task<WorkingDayClock> ClockAsync(FilingDb db, CancellationToken ct)
    {
        var years = await db.Calendar.AsNoTracking().ToListAsync(ct);
        return new WorkingDayClock(years.SelectMany(y => y.Holidays), years.SelectMany(y => y.MakeUpWorkdays), years.Select(y => y.Year));
    }

    /// <summary>The written filing's deadline counted from <paramref name="from"/>; without the calendar of a
    /// year it runs into, none, and the year is kept for the office to see (never weekdays guessed).</summary>
    public static void SetDeadline(EmergencyPreFiling e, DateOnly from, WorkingDayClock clock)
    {
        e.DeadlineCountsFrom = from;
        var known = clock.TryDeadline(from, BackfillWorkingDays, out var deadline, out var missing);
        e.BackfillDeadline = known ? deadline : null;
        e.CalendarMissingFor = known ? null : missing;
    }
}
