using System.ComponentModel.DataAnnotations;

namespace Planning.Api.Features.Consolidating;

/// <summary>How consolidation runs when the office does not say (<c>Consolidation</c>).</summary>
public sealed class ConsolidationOptions : ISettings
{
    public static string Section => "Consolidation";

    /// <summary>At most this many agencies on one joint visit (the county has 17).</summary>
    [Range(1, 17)]
    public int MaxAgenciesPerJointVisit { get; set; } = 5;
}
