using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>An installation that ran an earlier version keeps its data: a database at an older
/// migration, with rows in it, upgrades at start and the service reads those rows.</summary>
public sealed class Upgrading_an_existing_database
{
    [Fact]
    public async Task A_database_with_agencies_and_enterprises_from_an_older_version_upgrades_and_is_read()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var connection = await infra.Postgres.CreateDatabaseAsync("planning");
        var options = new DbContextOptionsBuilder<Planning.Api.Data.PlanningDb>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options;
        await using (var old = new Planning.Api.Data.PlanningDb(options))
        {
            var migrations = old.Database.GetMigrations().ToList();
            // The version before inspector rosters and enterprise revisions existed.
            await old.GetService<IMigrator>().MigrateAsync(migrations.Single(m => m.EndsWith("_PlanList", StringComparison.Ordinal)));
            await old.Database.ExecuteSqlRawAsync(
                "INSERT INTO agencies (code, name, teams_per_day, yearly_visit_cap_per_enterprise, changed_at, changed_by) VALUES ('YJ', '应急管理局', 2, 4, now(), 'old-version')");
            await old.Database.ExecuteSqlRawAsync(
                "INSERT INTO enterprises (credit_code, name, zone, industry, risk_level, registered_at, registered_by) VALUES ('91330100716105852F', '老版本登记的企业', 'A区', '化工', 'Low', now(), 'old-version')");
        }

        await using var planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", connection, await infra.RabbitMq.CreateVirtualHostAsync("upgrade")));
        using var client = planning.CreateClient();

        using var agencies = await client.GetAsync("/api/planning/agencies");
        Assert.Equal(HttpStatusCode.OK, agencies.StatusCode);
        var yj = (await agencies.JsonAsync()).EnumerateArray().Single(a => a.GetProperty("code").GetString() == "YJ");
        Assert.Equal(0, yj.GetProperty("inspectors").GetArrayLength());
        Assert.Equal(1, await Sql.ScalarAsync<int>(connection, "SELECT revision FROM enterprises WHERE credit_code = '91330100716105852F'"));

        using var changed = await client.CallAsync(HttpMethod.Put, "/api/planning/enterprises/91330100716105852F", TestIdentity.Office(),
            new { name = "更名后的企业", zone = "A区", industry = "化工", riskLevel = "Low" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, await Sql.ScalarAsync<int>(connection, "SELECT revision FROM enterprises WHERE credit_code = '91330100716105852F'"));
    }
}
