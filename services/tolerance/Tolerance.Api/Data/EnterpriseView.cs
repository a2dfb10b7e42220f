namespace Tolerance.Api.Data;

/// <summary>This service's own copy of a registered enterprise, fed by planning's events.</summary>
public sealed class EnterpriseView
{
    public required string CreditCode { get; init; }
    public string Name { get; set; } = "";
    public string Zone { get; set; } = "";
    public string Industry { get; set; } = "";
    /// <summary>The registry's revision this copy reflects; older news is ignored.</summary>
    public int Revision { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}
