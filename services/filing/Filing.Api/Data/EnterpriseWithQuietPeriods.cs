using Planning.Contracts;
using ReadModels;

namespace Filing.Api.Data;

/// <summary>This service's copy of a registered enterprise keeps its quiet periods too.</summary>
public sealed class EnterpriseWithQuietPeriods : EnterpriseView
{
    /// <summary>Days not to inspect (无事不扰), checked when a filing is made.</summary>
    public List<QuietPeriod> QuietPeriods { get; set; } = [];

    protected override void KeepQuietPeriods(IReadOnlyList<QuietPeriod> quietPeriods) => QuietPeriods = quietPeriods.ToList();
}
