using System.Net;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>Two clerks correcting one enterprise at the same moment: both corrections are applied one
/// after the other, each announced with its own revision, and the registry holds the one with the highest
/// revision (the one consumers keep). Fired together many times, so that the requests really overlap.</summary>
public sealed class Correcting_an_enterprise_twice_at_once(PlanningHost host) : IClassFixture<PlanningHost>
{
    const int Rounds = 10;

    [Fact]
    public async Task Each_correction_gets_its_own_revision_and_the_registry_holds_the_newest()
    {
        var code = host.Enterprises[2];
        for (var round = 0; round < Rounds; round++)
        {
            var answers = await Task.WhenAll(new[] { "甲", "乙" }.Select(async clerk =>
            {
                using var response = await host.Client.CallAsync(HttpMethod.Put, $"/api/planning/enterprises/{code}", TestIdentity.Office($"clerk-{clerk}"), new
                {
                    name = $"测试企业{round}{clerk}", zone = "A区", industry = "化工", riskLevel = "Medium",
                });
                return response.StatusCode;
            }));
            Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        }

        var announced = await Sql.RowsAsync(host.Database,
            "SELECT (body->>'revision')::int, body->>'name' FROM outbox_messages WHERE message_type LIKE '%EnterpriseChanged%' AND body->>'creditCode' = $1",
            r => (Revision: r.GetInt32(0), Name: r.GetString(1)), code);
        Assert.Equal(2 * Rounds, announced.Count);
        Assert.Equal(2 * Rounds, announced.Select(a => a.Revision).Distinct().Count());
        var newest = announced.MaxBy(a => a.Revision);
        var registry = await Sql.RowsAsync(host.Database, "SELECT revision, name FROM enterprises WHERE credit_code = $1", r => (Revision: r.GetInt32(0), Name: r.GetString(1)), code);
        Assert.Equal(newest, Assert.Single(registry));
    }
}
