using Filing.Api.Features.Filing;
using static ServiceDefaults.ChinaTime;

namespace Filing.Api.Features.Emergency;

public sealed record PreFileRequest(string? CreditCode, string? Reason, string? ApprovedBy, DateTimeOffset? ApprovedAt);

public sealed record EndRequest(DateTimeOffset? EndedAt);

public sealed record BackfillRequest(IReadOnlyList<string>? MatterCodes, IReadOnlyList<Filing.InspectorRequest>? Inspectors, string? Findings);

public sealed record EmergencyResponse(string ProvisionalNo, string AgencyCode, string CreditCode, string EnterpriseName, string ApprovedBy, DateTimeOffset ApprovedAt,
    string Reason, DateTimeOffset? EndedAt, DateOnly? BackfillDeadline, DateTimeOffset? BackfilledAt, bool Overdue)
{
    public static EmergencyResponse From(EmergencyPreFiling e) => new(e.ProvisionalNo, e.AgencyCode, e.CreditCode, e.EnterpriseName, e.ApprovedBy, e.ApprovedAt,
        e.Reason, e.EndedAt, e.BackfillDeadline, e.BackfilledAt, e.OverdueRaisedAt is not null);
}

/// <summary>Emergencies (紧急情况): the deputy head's oral approval is recorded at once under a
/// provisional number the office can look up when the enterprise phones; when the inspection ends,
/// the written filing is due within 5 working days (5个工作日内补报) by the working calendar.</summary>
public static class EmergencyPreFilings
{
    public const int BackfillWorkingDays = 5;

    public static RouteGroupBuilder MapEmergency(this RouteGroupBuilder group)
    {
        group.MapPost("/", PreFile).RequireAuthorization(Roles.Agency).WithSummary("紧急口头备案 Record an emergency's oral pre-filing (agency)");
        group.MapGet("/{provisionalNo}", Get).RequireAuthorization().WithSummary("查询紧急备案 Look up a pre-filing (the office, the agency, the enterprise)");
        group.MapPost("/{provisionalNo}/end", End).RequireAuthorization(Roles.Agency).WithSummary("检查结束 The emergency inspection ended: the backfill clock starts");
        group.MapPost("/{provisionalNo}/backfill", Backfill).RequireAuthorization(Roles.Agency).WithSummary("书面补报 The written filing (agency)");
        return group;
    }

    static async Task<Results<Created<EmergencyResponse>, ValidationProblem, ProblemHttpResult>> PreFile(PreFileRequest r, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var v = new Validation();
        v.CreditCode("creditCode", r.CreditCode);
        v.Text("reason", r.Reason, 500, min: 4);
        v.Text("approvedBy", r.ApprovedBy, 50, min: 2);
        v.Require(r.ApprovedAt is { } at && at <= now.AddMinutes(5) && at >= now.AddDays(-2), "approvedAt", "When it was approved: within the last two days.");
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
        };
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

    static async Task<Results<Ok<EmergencyResponse>, ValidationProblem, ProblemHttpResult>> End(string provisionalNo, EndRequest r, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var (e, problem) = await OwnAsync(db, provisionalNo, actor, ct);
        if (problem is not null) return problem;
        if (e!.EndedAt is not null) return Problems.Conflict("Already ended.", $"It ended at {e.EndedAt:u}.");
        if (r.EndedAt is not { } ended || ended < e.ApprovedAt || ended > clock.GetUtcNow().AddMinutes(5))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endedAt"] = ["When it ended: after the approval, not in the future."] });
        e.EndedAt = ended.ToUniversalTime();
        e.BackfillDeadline = (await ClockAsync(db, ct)).Deadline(Day(ended), BackfillWorkingDays);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EmergencyResponse.From(e));
    }

    static async Task<Results<Ok<EmergencyResponse>, ValidationProblem, ProblemHttpResult>> Backfill(string provisionalNo, BackfillRequest r, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var (e, problem) = await OwnAsync(db, provisionalNo, actor, ct);
        if (problem is not null) return problem;
        if (e!.EndedAt is null) return Problems.Conflict("Not ended yet.", "Record when the inspection ended first.");
        if (e.BackfilledAt is not null) return Problems.Conflict("Already filed in writing.", $"Filed at {e.BackfilledAt:u}.");
        var v = new Validation();
        InspectorChecks.Check(v, "inspectors", r.Inspectors);
        v.Codes("matterCodes", r.MatterCodes, 1, 50);
        v.OptionalText("findings", r.Findings, 4000, min: 0, multiline: true);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var matters = await db.Matters.AsNoTracking().Where(m => r.MatterCodes!.Contains(m.Code)).ToListAsync(ct);
        if (matters.Count != r.MatterCodes!.Count)
            return Problems.Unprocessable("Unknown matters.", new Dictionary<string, string[]> { ["matterCodes"] = ["Name matters of the catalog."] });
        // The oral approval was the agency's own: its inspectors alone took part, certified on the days it ran.
        var inspectors = RosterChecks.Check("inspectors", r.Inspectors!, [e.AgencyCode], await RosterChecks.RostersAsync(db, [e.AgencyCode], ct),
            Day(e.ApprovedAt), Day(e.EndedAt.Value), defaultAgency: e.AgencyCode);
        if (inspectors.Count > 0) return Problems.Unprocessable(RosterChecks.Title, inspectors);

        e.Matters = matters.Select(m => new FiledMatter(m.Code, m.Name, m.AgencyCode)).ToList();
        e.Inspectors = r.Inspectors!.Select(i => new FiledInspector(i.Name!.Trim(), i.CertificateNo!, i.AgencyCode ?? e.AgencyCode)).ToList();
        e.Findings = r.Findings;
        e.BackfilledAt = clock.GetUtcNow();
        e.BackfilledBy = actor.Subject;
        db.EnqueueEvent(new EmergencyBackfilled(e.ProvisionalNo, e.AgencyCode, e.CreditCode, e.BackfillDeadline!.Value, e.BackfilledAt.Value,
            Day(e.BackfilledAt.Value) <= e.BackfillDeadline.Value), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EmergencyResponse.From(e));
    }

    public static async Task<WorkingDayClock> ClockAsync(FilingDb db, CancellationToken ct)
    {
        var years = await db.Calendar.AsNoTracking().ToListAsync(ct);
        return new WorkingDayClock(years.SelectMany(y => y.Holidays), years.SelectMany(y => y.MakeUpWorkdays));
    }
}
