using Planning.Api.Data;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

public sealed class Planning_checks_its_settings_at_start() : A_service_checks_its_settings_at_start<PlanningDb>("planning")
{
    [Fact]
    public void More_agencies_per_joint_visit_than_one_request_may_name_stop_it() => StartChecks.StopsNaming<PlanningDb>(Settings, "Consolidation:MaxAgenciesPerJointVisit", "61");
}
