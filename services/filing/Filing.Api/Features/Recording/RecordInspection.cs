using Persistence;
namespace Filing.Api.Features.Recording;

public sealed record FindingRequest(string? MatterCode, string? Description, int? Severity, bool? RectifiedOnTheSpot, DateOnly? RectificationDeadline, bool? HarmCaused);

public sealed record CompleteRequest(IReadOnlyList<FindingRequest>? Findings);

/// <summary>The inspection record: the filing agency starts it inside the filed window and completes
/// it with its findings (发现问题, 立行立改 or a rectification deadline) → <see cref="InspectionCompleted"/>.</summary>
public static class RecordInspection
{
    public static RouteGroupBuilder MapInspectionRecord(this RouteGroupBuilder group)
    {
        group.MapPost("/{filingNo}/start", Start).RequireAuthorization(Roles.Agency).WithSummary("开始检查 Start the filed inspection (the filing agency)");
        group.MapPost("/{filingNo}/complete", Complete).RequireAuthorization(Roles.Agency).WithSummary("完成检查 Record the findings (the filing agency)");
        return group;
    }

    /// <summary>The filing, its row locked until the caller's transaction ends: a start or completion sent
    /// twice at once (a double click, a retry racing its original) is served one after the other, and the
    /// second finds the state already changed (one <see cref="InspectionCompleted"/>, never two).</summary>
    static Task<(InspectionFiling?, ProblemHttpResult?)> FindOwnAsync(FilingDb db, string filingNo, Actor actor, CancellationToken ct) =>
        FindOwnAsync(db, filingNo, actor, lead => Problems.Forbidden($"Only {lead}, which filed it, records this inspection."), ct);

    /// <summary>The filing the calling agency filed, locked as above; another agency that takes part is
    /// told <paramref name="notLead"/>, anyone else that there is no such filing.</summary>
    internal static async Task<(InspectionFiling?, ProblemHttpResult?)> FindOwnAsync(FilingDb db, string filingNo, Actor actor,
        Func<string, ProblemHttpResult> notLead, CancellationToken ct)
    {
        await db.LockRowAsync((InspectionFiling f) => f.FilingNo, filingNo, ct);
        var filing = await db.Filings.FirstOrDefaultAsync(f => f.FilingNo == filingNo, ct);
        Telemetry.TagInspection(filing?.JointId, filing?.FilingNo);
        if (filing is null || !Filing.FileInspection.MayRead(actor, filing)) return (null, Problems.NotFound("No such filing.", $"No filing {filingNo} that you may see."));
        return filing.LeadAgency == actor.AgencyCode ? (filing, null) : (null, notLead(filing.LeadAgency));
    }

    /// <summary>The findings of an inspection of <paramref name="matters"/>, recorded on <paramref name="today"/>.</summary>
    internal static void CheckFindings(Validation v, string field, IReadOnlyList<FindingRequest?> findings, IReadOnlyList<FiledMatter> matters, DateOnly today) =>
        v.List(field, findings, 0, 200, (path, f) =>
        {
            v.Require(matters.Any(m => m.MatterCode == f.MatterCode), $"{path}.matterCode", "One of the filed matters.");
            v.Text($"{path}.description", f.Description, 2000, min: 2, multiline: true);
            v.Require(f.Severity is >= 1 and <= 5, $"{path}.severity", "Severity from 1 (minor) to 5 (grave).");
            v.Require(f.RectifiedOnTheSpot is not null, $"{path}.rectifiedOnTheSpot", "Say whether it was corrected on the spot (立行立改).");
            if (f.RectifiedOnTheSpot == false)
                v.Require(f.RectificationDeadline is { } due && due > today, $"{path}.rectificationDeadline", "A rectification deadline after today.");
            if (f.RectifiedOnTheSpot == true)
                v.Require(f.RectificationDeadline is null, $"{path}.rectificationDeadline", "Corrected on the spot needs no deadline.");
            // Never taken as "no harm": an unstated harm would make the finding tolerable by default.
            v.Require(f.HarmCaused is not null, $"{path}.harmCaused", "Say whether it caused harm (危害后果).");
        });

    /// <summary>Checked findings, each under the agency whose matter it concerns.</summary>
    internal static List<Finding> Findings(IReadOnlyList<FindingRequest> findings, IReadOnlyList<FiledMatter> matters) =>
        [.. findings.Select(f => new Finding(f.MatterCode!, matters.First(m => m.MatterCode == f.MatterCode).AgencyCode, f.Description!.Trim(),
            f.Severity!.Value, f.RectifiedOnTheSpot!.Value, f.RectificationDeadline, f.HarmCaused!.Value))];

    /// <summary>What every consumer of a finished inspection is told, a filed one or an emergency's written filing.</summary>
    internal static InspectionCompleted Completed(string number, string? jointId, string creditCode, string leadAgency, IReadOnlyList<string> agencies,
        IReadOnlyList<Finding> findings, DateTimeOffset startedAt, DateTimeOffset completedAt, bool emergency = false) =>
        new(number, jointId, creditCode, leadAgency, agencies, agencies.Count > 1, findings, startedAt, completedAt, emergency);

    static async Task<Results<Ok<Filing.FilingResponse>, ProblemHttpResult>> Start(string filingNo, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (filing, problem) = await FindOwnAsync(db, filingNo, actor, ct);
        if (problem is not null) return problem;
        var now = clock.GetUtcNow();
        if (filing!.Status != FilingStatus.Filed) return Problems.Conflict("The inspection cannot start.", $"It is {filing.Status}.");
        if (now < filing.WindowStart || now > filing.WindowEnd)
            return Problems.Unprocessable("Outside the filed window.", new Dictionary<string, string[]> { ["window"] = [$"The filing covers {filing.WindowStart:u} to {filing.WindowEnd:u}; file again for another time."] });
        filing.Status = FilingStatus.Started;
        filing.StartedAt = now;
        filing.StartedBy = actor.Subject;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Filing.FilingResponse.From(filing));
    }

    static async Task<Results<Ok<Filing.FilingResponse>, ValidationProblem, ProblemHttpResult>> Complete(
        string filingNo, CompleteRequest request, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (filing, problem) = await FindOwnAsync(db, filingNo, actor, ct);
        if (problem is not null) return problem;
        if (filing!.Status != FilingStatus.Started) return Problems.Conflict("The inspection cannot be completed.", $"It is {filing.Status}; an inspection is started once and completed once.");

        var findings = request.Findings ?? [];
        var today = ChinaTime.Day(clock.GetUtcNow());
        var v = new Validation();
        CheckFindings(v, "findings", findings, filing.Matters, today);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);

        var now = clock.GetUtcNow();
        filing.Findings = Findings(findings, filing.Matters);
        filing.Status = FilingStatus.Completed;
        filing.CompletedAt = now;
        filing.CompletedBy = actor.Subject;
        db.EnqueueEvent(Completed(filing.FilingNo, filing.JointId, filing.CreditCode, filing.LeadAgency,
            filing.Agencies.Select(a => a.AgencyCode).ToList(), filing.Findings, filing.StartedAt!.Value, now), clock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Filing.FilingResponse.From(filing));
    }
}
