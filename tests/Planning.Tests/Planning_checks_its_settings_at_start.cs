using Planning.Api.Data;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

public sealed class Planning_checks_its_settings_at_start() : A_service_checks_its_settings_at_start<PlanningDb>("planning")
{
    [Fact]
    public void More_agencies_per_joint_visit_than_one_request_may_name_stop_it() => StartChecks.StopsNaming<PlanningDb>(Settings, "Consolidation:MaxAgenciesPerJointVisit", "61");

    [Fact]
    public void No_draw_key_stops_it() => StartChecks.StopsNaming<PlanningDb>(Settings, "Draws:Key");

    [Theory]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void A_draw_key_short_or_not_hex_stops_it(string key) => StartChecks.StopsNaming<PlanningDb>(Settings, "Draws:Key", key);
}
