namespace Filing.Api.Features.Filing;

/// <summary>Inspectors are who they say (执法人员持证上岗): every inspector a filing, a joint visit's
/// filing or an emergency's written filing names belongs to a participating agency, is on that agency's
/// roster under the name the roster gives, and holds a certificate valid on every day the inspection
/// may take place. Each failure names the inspector's own field.</summary>
static class RosterChecks
{
    public const string Title = "An inspector is not on the roster of a participating agency with a certificate valid on the day.";

    /// <summary>The field errors of <paramref name="inspectors"/> (already well formed) inspecting from
    /// <paramref name="first"/> to <paramref name="last"/> for <paramref name="participants"/>, whose
    /// rosters are <paramref name="rosters"/>. An inspector that names no agency belongs to
    /// <paramref name="defaultAgency"/>, when there is one.</summary>
    public static Dictionary<string, string[]> Check(string field, IReadOnlyList<InspectorRequest?> inspectors, IReadOnlyCollection<string> participants,
        IReadOnlyDictionary<string, AgencyRoster> rosters, DateOnly first, DateOnly last, string? defaultAgency = null)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < inspectors.Count; i++)
        {
            var (inspector, path) = (inspectors[i]!, $"{field}[{i}]");
            var agency = inspector.AgencyCode ?? defaultAgency;
            if (agency is null || !participants.Contains(agency))
            {
                errors[$"{path}.agencyCode"] = [$"One of the participating agencies: {string.Join(", ", participants.Order(StringComparer.Ordinal))}."];
                continue;
            }
            var certified = rosters.GetValueOrDefault(agency)?.Inspectors.FirstOrDefault(c => c.CertificateNo == inspector.CertificateNo);
            if (certified is null)
                errors[$"{path}.certificateNo"] = [$"Certificate {inspector.CertificateNo} is not on the roster of {agency}."];
            else if (certified.ValidFrom > first || certified.ValidUntil < last)
                errors[$"{path}.certificateNo"] = [$"Certificate {inspector.CertificateNo} is valid from {certified.ValidFrom:yyyy-MM-dd} to {certified.ValidUntil:yyyy-MM-dd}, not on every day from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}."];
            else if (certified.Name != inspector.Name!.Trim())
                errors[$"{path}.name"] = [$"The roster of {agency} gives certificate {inspector.CertificateNo} to {certified.Name}."];
        }
        return errors;
    }

    /// <summary>The rosters of <paramref name="agencies"/> this service was told of.</summary>
    public static async Task<Dictionary<string, AgencyRoster>> RostersAsync(FilingDb db, IReadOnlyCollection<string> agencies, CancellationToken ct) =>
        await db.Rosters.AsNoTracking().Where(r => agencies.Contains(r.AgencyCode)).ToDictionaryAsync(r => r.AgencyCode, ct);
}
