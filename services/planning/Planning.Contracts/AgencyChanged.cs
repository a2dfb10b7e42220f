namespace Planning.Contracts;

/// <summary>The registry's entry of an enforcement agency (执法单位) as it stands now: its name and its
/// roster of inspectors with their enforcement certificates (执法证). <see cref="Revision"/> orders the
/// changes: a consumer keeps the highest it has seen, whatever order they arrive in.</summary>
public sealed record AgencyChanged(
    string AgencyCode,
    int Revision,
    string Name,
    IReadOnlyList<CertifiedInspector> Inspectors,
    DateTimeOffset ChangedAt)
{
    public int Version { get; init; } = 1;
}

/// <summary>An inspector on an agency's roster and the days its certificate is valid, both ends included.</summary>
public sealed record CertifiedInspector(string CertificateNo, string Name, DateOnly ValidFrom, DateOnly ValidUntil);
