using System.ComponentModel.DataAnnotations;

namespace Planning.Api.Features.Consolidating;

/// <summary>How consolidation runs when the office does not say (<c>Consolidation</c>).</summary>
public sealed class ConsolidationOptions : ISettings
{
    public static string Section => "Consolidation";

    /// <summary>At most this many agencies on one joint visit.</summary>
    [Range(1, CountyAgencies.MostNamedAtOnce)]
    public int MaxAgenciesPerJointVisit { get; set; } = 5;
}
