using Xunit;

namespace Deployment.Tests;

/// <summary>Nothing in production has a known password: the demo park and its accounts exist only with
/// <c>Seed:DemoPark</c>, which no deployable of the prod overlay is given as true, by whatever route
/// (a value, the settings ConfigMap, a secret). The dev overlay does enable it, which shows the check
/// sees it where it is.</summary>
public sealed class Production_has_no_demo_data
{
    static List<string> DemoEnabled(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        return Every_deployable_gets_the_settings_it_requires.Deployables.Keys
            .Where(name => Every_deployable_gets_the_settings_it_requires.ConfigurationOf(r, name).GetValueOrDefault("Seed:DemoPark") is { } value
                           && bool.TryParse(value, out var on) && on)
            .ToList();
    }

    [Fact]
    public void The_prod_overlay_enables_no_demo_seed() =>
        Assert.True(DemoEnabled("prod").Count == 0, $"Seed:DemoPark is on in prod for: {string.Join(", ", DemoEnabled("prod"))}");

    [Fact]
    public void The_dev_overlay_seeds_the_demo_park_and_its_accounts() =>
        Assert.Contains("gateway", DemoEnabled("dev"));
}
