using Planning.Contracts;
using ReadModels;

namespace Filing.Api.Data;

/// <summary>This service's copy of a registered enterprise keeps its quiet periods and its leaving the park too.</summary>
public sealed class EnterpriseWithQuietPeriods : EnterpriseView
{
    /// <summary>Days not to inspect (无事不扰), checked when a filing is made.</summary>
    public List<QuietPeriod> QuietPeriods { get; set; } = [];

    /// <summary>The first day the enterprise is no longer in the park: nothing is filed for it from then on.</summary>
    public DateOnly? LeftOn { get; set; }
    public string? LeftReason { get; set; }

    protected override void KeepQuietPeriods(IReadOnlyList<QuietPeriod> quietPeriods) => QuietPeriods = quietPeriods.ToList();
}
