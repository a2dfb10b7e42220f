using Planning.Contracts;

namespace Filing.Api.Data;

/// <summary>An agency of the registry and its roster of certified inspectors, as planning last announced
/// it: every inspector a filing names is checked against it.</summary>
public sealed class AgencyRoster
{
    public required string AgencyCode { get; init; }
    public int Revision { get; set; }
    public required string Name { get; set; }
    public List<CertifiedInspector> Inspectors { get; set; } = [];
}
