using System.Net;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>Planning and the three consumers run as separate processes on the real broker and
/// databases; an enterprise registered in planning appears in every other service's read model.</summary>
public sealed class Events_cross_the_broker : IAsyncLifetime
{
    SharedInfrastructure _infra = null!;
    readonly Dictionary<string, string> _databases = [];
    readonly List<ServiceProcess> _services = [];

    public async Task InitializeAsync()
    {
        _infra = await SharedInfrastructure.GetAsync();
        var broker = await _infra.RabbitMq.CreateVirtualHostAsync("cross");
        foreach (var service in new[] { "planning", "filing", "tolerance", "supervision" })
            _databases[service] = await _infra.Postgres.CreateDatabaseAsync(service);

        var starts = _databases.Select(d => ServiceProcess.StartAsync($"{char.ToUpperInvariant(d.Key[0])}{d.Key[1..]}.Api",
            ServiceSettings.For(d.Key, d.Value, broker), _infra));
        _services.AddRange(await Task.WhenAll(starts));
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _services) await s.DisposeAsync();
    }

    [Fact]
    public async Task An_enterprise_registered_in_planning_reaches_filing_tolerance_and_supervision()
    {
        var code = Demo.NewCreditCode();
        using var planning = _services[0].CreateClient();

        using var response = await Demo.RegisterAsync(planning, code);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        foreach (var service in new[] { "filing", "tolerance", "supervision" })
        {
            var name = await Eventually.Until(
                () => Sql.ScalarAsync<string?>(_databases[service], "SELECT name FROM enterprises WHERE credit_code = $1", code),
                n => n is not null, $"{service} has the enterprise in its read model");
            Assert.Equal("华东精细化工有限公司", name);
        }

        using var changed = await planning.CallAsync(HttpMethod.Put, $"/api/planning/enterprises/{code}", TestIdentity.Office(), new
        {
            name = "华东新材料有限公司", zone = "新材料产业区", industry = "新材料", riskLevel = "Medium",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        foreach (var service in new[] { "filing", "tolerance", "supervision" })
        {
            await Eventually.Until(
                () => Sql.ScalarAsync<string?>(_databases[service], "SELECT name FROM enterprises WHERE credit_code = $1", code),
                n => n == "华东新材料有限公司", $"{service} has the corrected name");
        }
    }

    [Fact]
    public async Task A_published_plan_reaches_filing_and_its_lead_agency_files_a_visit_the_enterprise_can_verify()
    {
        using var planning = _services[0].CreateClient();
        using var filing = _services[1].CreateClient();
        var office = TestIdentity.Office();
        var code = Demo.NewCreditCode();
        Assert.Equal(HttpStatusCode.Created, (await Demo.RegisterAsync(planning, code)).StatusCode);
        foreach (var (matter, agency) in new[] { ("YJ-E2E", "YJ"), ("XF-E2E", "XF") })
        {
            using var created = await planning.CallAsync(HttpMethod.Post, "/api/planning/matters", office, new
            {
                code = matter, agencyCode = agency, name = $"联合检查事项{matter}", category = "Routine", mergeable = true,
                legalBasis = "《优化营商环境条例》", yearlyCapPerEnterprise = 2, effectiveFrom = "2026-01-01",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var declared = await planning.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency(agency), new
            {
                period = "2026-Q4", matterCodes = new[] { matter }, creditCodes = new[] { code }, windowFrom = "2026-12-14", windowTo = "2026-12-18",
                mandateLevel = agency == "XF" ? "Provincial" : "County", category = "Routine", method = "现场检查",
            });
            Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        }
        using var run = await planning.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", office, new { });
        var detail = await run.JsonAsync();
        var visit = Assert.Single(detail.GetProperty("visits").EnumerateArray());
        Assert.Equal("Joint", visit.GetProperty("kind").GetString());
        Assert.Equal("XF", visit.GetProperty("leadAgency").GetString());
        var jointId = visit.GetProperty("visitId").GetString();
        using var published = await planning.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{detail.GetProperty("summary").GetProperty("id").GetString()}/publish", office);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "scheduled_visits", "joint_id = $1", jointId!), n => n == 1, "filing has the scheduled visit");
        // The office enters both agencies' rosters; filing learns them through the broker.
        foreach (var agency in new[] { "XF", "YJ" })
        {
            using var kept = await planning.CallAsync(HttpMethod.Put, $"/api/planning/agencies/{agency}", office, new { inspectors = DemoRoster.Entries(agency) });
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        }
        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "agency_rosters", "agency_code IN ('XF', 'YJ') AND inspectors <> '[]'::jsonb"), n => n == 2, "filing has the rosters");
        using var filed = await filing.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), new
        {
            jointId, windowStart = "2026-12-15T09:00:00+08:00", windowEnd = "2026-12-15T11:30:00+08:00",
            inspectors = new[] { DemoRoster.Inspector("XF", 1), DemoRoster.Inspector("YJ", 1) },
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var verificationCode = (await filed.JsonAsync()).GetProperty("verificationCode").GetString();
        using var verified = await filing.GetAsync($"/api/filing/verify/{verificationCode}");
        var shown = await verified.JsonAsync();
        Assert.Equal("NotYetValid", shown.GetProperty("status").GetString());
        Assert.Equal(["联合检查事项XF-E2E", "联合检查事项YJ-E2E"], shown.GetProperty("matters").EnumerateArray().Select(m => m.GetString()).Order());
    }
}
