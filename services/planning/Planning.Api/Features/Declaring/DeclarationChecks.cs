using Planning.Api.Features.Registry;

namespace Planning.Api.Features.Declaring;

/// <summary>What a declaration must satisfy, whether it comes as JSON or as a row of the office's
/// spreadsheet: field errors (400), things the registry does not know (422), or another agency's
/// business (403). Loads the registry once for many declarations.</summary>
sealed class DeclarationChecks
{
    readonly PlanningDb _db;
    readonly Dictionary<string, MatterVersion> _matters;
    readonly HashSet<string> _agencies;
    readonly Dictionary<(string Period, string Agency), int> _sequences = [];
    readonly Dictionary<string, DateOnly?> _closed = [];

    DeclarationChecks(PlanningDb db, Dictionary<string, MatterVersion> matters, HashSet<string> agencies)
    {
        _db = db;
        _matters = matters;
        _agencies = agencies;
    }

    public static async Task<DeclarationChecks> LoadAsync(PlanningDb db, CancellationToken ct) =>
        new(db, (await Matters.CurrentAsync(db, ct)).ToDictionary(m => m.Code), (await db.Agencies.Select(a => a.Code).ToListAsync(ct)).ToHashSet());

    /// <summary><c>Late</c>: declared after the period's deadline, before its plan is published (422).</summary>
    public sealed record Outcome(PlanDeclaration? Declaration, string? Forbidden, IDictionary<string, string[]>? Invalid, IDictionary<string, string[]>? Unknown,
        IDictionary<string, string[]>? Late = null);

    /// <summary><paramref name="prefix"/> names the row in field names (<c>rows[3].windowTo</c>). With
    /// <paramref name="amending"/>, the same checks apply and that declaration becomes its next revision.</summary>
    public async Task<Outcome> PrepareAsync(DeclarePlanRequest r, Actor actor, DateTimeOffset now, string prefix, CancellationToken ct, PlanDeclaration? amending = null)
    {
        var agency = actor.AgencyCode!;
        // The token decides who declares: a body naming another agency is refused, not corrected.
        if (r.AgencyCode is not null && r.AgencyCode != agency)
            return new(null, $"You act for {agency}; you cannot declare for {r.AgencyCode}.", null, null);

        var enterprises = r.CreditCodes;
        if (r.DrawId is { } drawId)
        {
            // Targets from a random draw (双随机): the draw decides them, not the declarer.
            if (enterprises is { Count: > 0 })
                return new(null, null, new Dictionary<string, string[]> { [prefix + "creditCodes"] = ["Give either the enterprises or a draw, not both."] }, null);
            var draw = await _db.Draws.AsNoTracking().FirstOrDefaultAsync(d => d.Id == drawId, ct);
            if (draw is null) return new(null, null, null, new Dictionary<string, string[]> { [prefix + "drawId"] = [$"No draw has id {drawId}."] });
            if (draw.AgencyCode != agency) return new(null, $"Draw {drawId} was made by {draw.AgencyCode}.", null, null);
            // Only the first draw for a purpose counts: a re-draw is public, but cannot replace it.
            var unfit = draw.Number != 1 ? $"Draw {drawId} is re-draw {draw.Number} for its matters; only the first draw counts."
                : draw.Period != r.Period ? $"Draw {drawId} was made for {draw.Period}, not {r.Period}."
                : r.MatterCodes?.Any(m => !draw.MatterCodes.Contains(m)) == true ? $"Draw {drawId} was made for {string.Join(", ", draw.MatterCodes)}; the declaration names other matters."
                : null;
            if (unfit is not null) return new(null, null, null, new Dictionary<string, string[]> { [prefix + "drawId"] = [unfit] });
            enterprises = draw.Enterprises;
        }
        var v = Validate(r, enterprises, agency, prefix, out var period);
        // The id carries the period: another period is another declaration.
        v.Require(amending is null || period is null || period.Code == amending.Period, prefix + "period", $"Declaration {amending?.Id} belongs to {amending?.Period}; withdraw it and declare for the other period.");
        if (!v.IsValid) return new(null, null, v.Errors, null);

        var notOurs = r.MatterCodes!.Where(m => _matters.TryGetValue(m, out var matter) && matter.AgencyCode != agency).ToList();
        if (notOurs.Count > 0) return new(null, $"Matters {string.Join(", ", notOurs)} belong to other agencies.", null, null);
        var unknown = await UnknownAsync(r, enterprises!, prefix, ct);
        if (unknown.Count > 0) return new(null, null, null, unknown);
        if (amending is not null) return new(Amend(amending, r, enterprises!, actor, now), null, null, null);
        if (await ClosedOnAsync(period!, now, ct) is { } lastDay)
            return new(null, null, null, null, new Dictionary<string, string[]>
            {
                [prefix + "period"] = [$"Declarations for {period} closed on {lastDay:yyyy-MM-dd}; once its plan is published, a late declaration goes into a supplementary plan."],
            });
        return new(await DeclareAsync(r, enterprises!, period!, actor, now, ct), null, null, null);
    }

    /// <summary>The declaration's own shape, before anything is looked up.</summary>
    static Validation Validate(DeclarePlanRequest r, IReadOnlyList<string>? enterprises, string agency, string prefix, out Period? period)
    {
        var v = new Validation();
        v.Period(prefix + "period", r.Period, out period);
        v.Codes(prefix + "matterCodes", r.MatterCodes, 1, DeclarePlan.MaxMatters);
        v.List(prefix + "creditCodes", enterprises, 1, DeclarePlan.MaxEnterprises, (path, code) => v.CreditCode(path, code));
        v.Distinct(prefix + "creditCodes", enterprises, "An enterprise is listed twice.");
        v.Window(prefix + "windowFrom", r.WindowFrom, prefix + "windowTo", r.WindowTo);
        if (period is not null && r.WindowFrom is { } from && r.WindowTo is { } to)
        {
            v.Require(period.Contains(from), prefix + "windowFrom", $"{from} is outside {period}.");
            v.Require(period.Contains(to), prefix + "windowTo", $"{to} is outside {period}.");
        }
        v.Require(r.MandateLevel is not null && Enum.IsDefined(r.MandateLevel.Value), prefix + "mandateLevel", "One of Central, Provincial, Municipal, County.");
        v.Require(r.Category is not null && Enum.IsDefined(r.Category.Value), prefix + "category", "One of Routine, Specialized, Seasonal, Holiday, Comprehensive.");
        v.Text(prefix + "method", r.Method, 200);
        v.List(prefix + "cooperatingAgencies", r.CooperatingAgencies, 0, CountyAgencies.MostNamedAtOnce, (path, code) => v.AgencyCode(path, code));
        v.Require(r.CooperatingAgencies?.Contains(agency) != true, prefix + "cooperatingAgencies", "An agency does not cooperate with itself.");
        return v;
    }

    /// <summary>What the registry does not know: matters outside the catalog or not in effect, unlisted
    /// enterprises, unknown agencies.</summary>
    async Task<Dictionary<string, string[]>> UnknownAsync(DeclarePlanRequest r, IReadOnlyList<string> enterprises, string prefix, CancellationToken ct)
    {
        var unknown = new Dictionary<string, string[]>();
        var matters = r.MatterCodes!;
        var missing = matters.Where(m => !_matters.ContainsKey(m)).ToList();
        if (missing.Count > 0) unknown[prefix + "matterCodes"] = [$"Not in the catalog: {string.Join(", ", missing)}."];
        var lapsed = matters.Where(m => _matters.TryGetValue(m, out var matter) && !(matter.InEffectOn(r.WindowFrom!.Value) || matter.InEffectOn(r.WindowTo!.Value))).ToList();
        if (lapsed.Count > 0) unknown[prefix + "matterCodes"] = [$"Not in effect during the window: {string.Join(", ", lapsed)}."];
        var registered = await _db.Enterprises.Where(e => enterprises.Contains(e.CreditCode)).Select(e => new { e.CreditCode, e.LeftOn }).ToListAsync(ct);
        var unlisted = enterprises.Except(registered.Select(e => e.CreditCode)).ToList();
        if (unlisted.Count > 0) unknown[prefix + "creditCodes"] = [$"Not in the park's registry (nothing unlisted may be inspected): {string.Join(", ", unlisted.Take(20))}."];
        // An enterprise that has left is inspected no more: a window that starts on or after that day is refused.
        var gone = registered.Where(e => e.LeftOn <= r.WindowFrom).Select(e => e.CreditCode).ToList();
        if (gone.Count > 0 && unlisted.Count == 0) unknown[prefix + "creditCodes"] = [$"Left the park before the window: {string.Join(", ", gone.Take(20))}."];
        var strangers = (r.CooperatingAgencies ?? []).Where(a => !_agencies.Contains(a)).ToList();
        if (strangers.Count > 0) unknown[prefix + "cooperatingAgencies"] = [$"Unknown agencies: {string.Join(", ", strangers)}."];
        return unknown;
    }

    /// <summary>The period's last day for declaring when it has passed and the plan is not yet
    /// published; null while declaring is open, or once late declarations go into a supplement.</summary>
    async Task<DateOnly?> ClosedOnAsync(Period period, DateTimeOffset now, CancellationToken ct)
    {
        if (!_closed.TryGetValue(period.Code, out var closed))
        {
            var deadline = await _db.DeclarationDeadlines.AsNoTracking().FirstOrDefaultAsync(d => d.Period == period.Code, ct);
            var published = await _db.Consolidations.AnyAsync(c => c.Period == period.Code && c.Status == ConsolidationStatus.Published, ct);
            _closed[period.Code] = closed = deadline is not null && ChinaTime.Day(now) > deadline.LastDay && !published ? deadline.LastDay : null;
        }
        return closed;
    }

    /// <summary>The declaration, numbered as the agency's next of the period.</summary>
    async Task<PlanDeclaration> DeclareAsync(DeclarePlanRequest r, IReadOnlyList<string> enterprises, Period period, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var agency = actor.AgencyCode!;
        var key = (period.Code, agency);
        if (!_sequences.TryGetValue(key, out var sequence))
            sequence = await _db.Declarations.CountAsync(d => d.Period == period.Code && d.AgencyCode == agency, ct);
        _sequences[key] = ++sequence;
        return new PlanDeclaration
        {
            Id = $"{period.Code}-{agency}-{sequence:D4}",
            Period = period.Code,
            AgencyCode = agency,
            MatterCodes = [.. r.MatterCodes!],
            CreditCodes = [.. enterprises],
            DrawId = r.DrawId,
            WindowFrom = r.WindowFrom!.Value,
            WindowTo = r.WindowTo!.Value,
            MandateLevel = r.MandateLevel!.Value,
            Category = r.Category!.Value,
            Method = r.Method!.Trim(),
            CooperatingAgencies = [.. r.CooperatingAgencies ?? []],
            DeclaredAt = now,
            DeclaredBy = actor.Subject,
            DeclaredVia = actor.ClientId,
        };
    }

    /// <summary>The declaration's next revision; the one it replaces is kept.</summary>
    static PlanDeclaration Amend(PlanDeclaration d, DeclarePlanRequest r, IReadOnlyList<string> enterprises, Actor actor, DateTimeOffset now)
    {
        d.EarlierRevisions = [.. d.EarlierRevisions, d.Snapshot()];
        d.Revision++;
        d.MatterCodes = [.. r.MatterCodes!];
        d.CreditCodes = [.. enterprises];
        d.DrawId = r.DrawId;
        d.WindowFrom = r.WindowFrom!.Value;
        d.WindowTo = r.WindowTo!.Value;
        d.MandateLevel = r.MandateLevel!.Value;
        d.Category = r.Category!.Value;
        d.Method = r.Method!.Trim();
        d.CooperatingAgencies = [.. r.CooperatingAgencies ?? []];
        d.AmendedAt = now;
        d.AmendedBy = actor.Subject;
        return d;
    }
}
