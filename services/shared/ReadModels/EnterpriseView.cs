using Planning.Contracts;

namespace ReadModels;

/// <summary>A service's own copy of a registered enterprise, fed by planning's events. A service that
/// keeps more of the registry's news derives from it.</summary>
public class EnterpriseView
{
    public string CreditCode { get; init; } = "";
    public string Name { get; set; } = "";
    public string Zone { get; set; } = "";
    public string Industry { get; set; } = "";
    /// <summary>The registry's revision this copy reflects; older news is ignored.</summary>
    public int Revision { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Registration is revision 1; it may arrive after a change, which keeps the change.</summary>
    internal void Apply(EnterpriseRegistered registered)
    {
        RegisteredAt = registered.RegisteredAt;
        Apply(1, registered.Name, registered.Zone, registered.Industry, registered.QuietPeriods);
    }

    internal void Apply(EnterpriseChanged changed) =>
        Apply(changed.Revision, changed.Name, changed.Zone, changed.Industry, changed.QuietPeriods);

    /// <summary>The highest revision seen wins, so events arriving out of order never bring back older data.</summary>
    void Apply(int revision, string name, string zone, string industry, IReadOnlyList<QuietPeriod> quietPeriods)
    {
        if (revision <= Revision) return;
        Revision = revision;
        Name = name;
        Zone = zone;
        Industry = industry;
        KeepQuietPeriods(quietPeriods);
    }

    /// <summary>Quiet periods (无事不扰) matter only to a service that checks inspections against them.</summary>
    protected virtual void KeepQuietPeriods(IReadOnlyList<QuietPeriod> quietPeriods)
    {
    }
}
