using Supervision.Api.Data;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

public sealed class Supervision_checks_its_settings_at_start() : A_service_checks_its_settings_at_start<SupervisionDb>("supervision")
{
    [Fact]
    public void A_ranking_that_would_rank_agencies_without_ratings_stops_it() => StartChecks.StopsNaming<SupervisionDb>(Settings, "Supervision:RankingMinimumSample", "0");

    [Fact]
    public void Ratings_that_would_reach_agencies_one_by_one_stop_it() => StartChecks.StopsNaming<SupervisionDb>(Settings, "Supervision:RatingAnonymityThreshold", "1");
}
