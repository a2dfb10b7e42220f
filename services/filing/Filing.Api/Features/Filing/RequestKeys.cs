namespace Filing.Api.Features.Filing;

/// <summary>Agency systems file over networks that drop answers; they send the filing again with the
/// same <c>Idempotency-Key</c> and get the filing made the first time (200), never a second filing.
/// The key is the agency's own: another agency's key of the same text is another request.</summary>
static class RequestKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>The key sent, if any (an empty header is a malformed key, not none).</summary>
    public static string? Of(HttpRequest request) => request.Headers.TryGetValue(Header, out var values) ? values.ToString() : null;

    public static bool IsWellFormed(string key) => key.Length is >= 1 and <= 100 && key.All(c => c is >= '!' and <= '~');

    /// <summary>Holds the agency's key until the transaction ends, so sends of one request run one after
    /// the other.</summary>
    public static Task LockAsync(FilingDb db, string agency, string key, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"filing-request:" + agency + ":" + key}, 0))", ct);

    public static Task<InspectionFiling?> FindAsync(FilingDb db, string agency, string key, CancellationToken ct) =>
        db.Filings.AsNoTracking().FirstOrDefaultAsync(f => f.LeadAgency == agency && f.RequestKey == key, ct);

    /// <summary>PostgreSQL keeps microseconds; a request may carry ten-millionths of a second.</summary>
    static bool SameInstant(DateTimeOffset stored, DateTimeOffset? sent) =>
        sent is { } s && stored.UtcTicks / 10 == s.UtcTicks / 10;

    /// <summary>The earlier filing, if the request is the same one; a key reused for another filing is refused.</summary>
    public static Results<Created<FilingResponse>, Ok<FilingResponse>, ValidationProblem, ProblemHttpResult> Replay(InspectionFiling earlier, FileInspectionRequest r)
    {
        var same = earlier.JointId == r.JointId
            && SameInstant(earlier.WindowStart, r.WindowStart) && SameInstant(earlier.WindowEnd, r.WindowEnd)
            && (r.JointId is not null || (earlier.CreditCode == r.CreditCode && earlier.UnplannedReason == r.UnplannedReason?.Trim()
                && earlier.Matters.Select(m => m.MatterCode).Order().SequenceEqual((r.MatterCodes ?? []).Distinct().Order())));
        return same
            ? TypedResults.Ok(FilingResponse.From(earlier))
            : Problems.Unprocessable("The Idempotency-Key was used for another filing.",
                new Dictionary<string, string[]> { [Header] = [$"Filing {earlier.FilingNo} was made with this key; use a new key for a new filing."] });
    }
}
