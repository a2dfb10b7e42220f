namespace Gateway.Data;

/// <summary>The gateway's copy of an agency of planning's registry, from planning's events: what agency
/// staff and an agency's system may be bound to, and the name their accounts show.</summary>
public sealed class AgencyView
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    /// <summary>The registry's revision this copy reflects; older news is ignored.</summary>
    public int Revision { get; set; }
}
