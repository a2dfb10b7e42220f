using System.Net;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>The office keeps each agency's roster of inspectors with the days each certificate is valid;
/// planning publishes it through the broker as the agency's reference data, again whenever a service asks,
/// and draws only inspectors certified on the day.</summary>
public sealed class Agency_rosters(PlanningHost host) : IClassFixture<PlanningHost>
{
    static object Entry(string certificateNo, string name, string? validFrom = "2025-01-01", string? validUntil = "2029-12-31") =>
        new { certificateNo, name, validFrom, validUntil };

    Task<HttpResponseMessage> KeepAsync(string agency, object[] inspectors, string? token = null) =>
        host.Client.CallAsync(HttpMethod.Put, $"/api/planning/agencies/{agency}", token ?? TestIdentity.Office(), new { inspectors });

    [Fact]
    public async Task A_roster_the_office_keeps_is_published_with_the_days_of_each_certificate()
    {
        using var kept = await KeepAsync("XF", [Entry("33018304001", "杨洋"), Entry("33018304002", "赵勇", "2026-01-01", "2026-12-31")]);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal("2026-12-31", (await kept.JsonAsync()).GetProperty("inspectors")[1].GetProperty("validUntil").GetString());

        // Other tests of this class may have the roster sent again: the change is told by what it carries.
        var published = await Eventually.Until(() => Task.FromResult(host.Published.OfType<AgencyChanged>().FirstOrDefault(a => a.AgencyCode == "XF" && a.Inspectors.Count == 2)),
            a => a is not null, "the roster is published");
        Assert.Equal("消防救援大队", published!.Name);
        Assert.Equal([new CertifiedInspector("33018304001", "杨洋", new DateOnly(2025, 1, 1), new DateOnly(2029, 12, 31)),
            new CertifiedInspector("33018304002", "赵勇", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))], published.Inspectors);

        using var again = await KeepAsync("XF", [Entry("33018304001", "杨洋")]);
        var changed = await Eventually.Until(() => Task.FromResult(host.Published.OfType<AgencyChanged>().FirstOrDefault(a => a.AgencyCode == "XF" && a.Inspectors.Count == 1)),
            a => a is not null, "the change is published");
        Assert.True(changed!.Revision > published.Revision, "a later change carries a higher revision");
    }

    public static TheoryData<string, string, object[]> BadRosters() => new()
    {
        { "no first day", "inspectors[0].validFrom", [Entry("33018301001", "张杰", validFrom: null)] },
        { "no last day", "inspectors[1].validUntil", [Entry("33018301001", "张杰"), Entry("33018301002", "刘娟", validUntil: null)] },
        { "a last day before the first", "inspectors[0].validUntil", [Entry("33018301001", "张杰", "2026-06-01", "2026-05-31")] },
        { "a certificate number of the wrong shape", "inspectors[0].certificateNo", [Entry("证-1", "张杰")] },
        { "a certificate listed twice", "inspectors", [Entry("33018301001", "张杰"), Entry("33018301001", "刘娟")] },
    };

    [Theory]
    [MemberData(nameof(BadRosters))]
    public async Task A_bad_roster_names_the_inspector_and_changes_nothing(string because, string field, object[] inspectors)
    {
        var outbox = await Sql.CountAsync(host.Database, "outbox_messages");
        var before = await Sql.ScalarAsync<string>(host.Database, "SELECT inspectors::text FROM agencies WHERE code = 'YJ'");
        using var refused = await KeepAsync("YJ", inspectors);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), because);
        Assert.Equal(before, await Sql.ScalarAsync<string>(host.Database, "SELECT inspectors::text FROM agencies WHERE code = 'YJ'"));
        Assert.Equal(outbox, await Sql.CountAsync(host.Database, "outbox_messages"));
    }

    [Fact]
    public async Task An_agency_does_not_keep_its_own_roster()
    {
        using var refused = await KeepAsync("SJ", [Entry("33018302001", "刘静"), Entry("33018302002", "陈磊")], TestIdentity.Agency("SJ"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Rosters_are_sent_again_to_a_service_that_asks_for_the_reference_data()
    {
        using (var kept = await KeepAsync("HB", [Entry("33018305001", "赵伟"), Entry("33018305002", "黄芳")]))
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<AgencyChanged>().Count(a => a.AgencyCode == "HB")), n => n == 1, "the roster is published");

        await host.Bus.Publish(new ReferenceDataRequested("a-late-service", DateTimeOffset.UtcNow));
        var sent = await Eventually.Until(() => Task.FromResult(host.Published.OfType<AgencyChanged>().Where(a => a.AgencyCode == "HB").ToList()), l => l.Count == 2, "the roster is sent again");
        Assert.Equal(sent[0].Revision, sent[1].Revision);
        Assert.Equal(sent[0].Inspectors, sent[1].Inspectors);
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<AgencyChanged>().Select(a => a.AgencyCode).Distinct().Count()), n => n == 17, "every agency is sent");
    }

    [Fact]
    public async Task A_draw_picks_no_inspector_whose_certificate_is_not_valid_today()
    {
        using (var kept = await KeepAsync("ZF", [
            Entry("33018303001", "陈涛", "2000-01-01", "2099-12-31"), Entry("33018303002", "杨明", "2000-01-01", "2099-12-31"),
            Entry("33018303003", "赵伟", "2000-01-01", "2001-12-31"), Entry("33018303004", "黄芳", "2098-01-01", "2099-12-31")]))
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        // A draw is for the agency's matters in a quarter whose commitment the office has published (one
        // far ahead, so the quarter is never over while this runs).
        using (var matter = await host.Client.CallAsync(HttpMethod.Post, "/api/planning/matters", TestIdentity.Office(), new
               {
                   code = "ZF-R1", agencyCode = "ZF", name = "事项ZF-R1", category = "Routine", mergeable = true, legalBasis = "《城市市容和环境卫生管理条例》", yearlyCapPerEnterprise = 2, effectiveFrom = "2026-01-01",
               }))
            Assert.True(matter.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        using (var committed = await host.Client.CallAsync(HttpMethod.Post, "/api/planning/draws/commitments", TestIdentity.Office(), new { period = "2030-Q1" }))
            Assert.True(committed.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        using var drawn = await host.Client.CallAsync(HttpMethod.Post, "/api/planning/draws", TestIdentity.Agency("ZF"),
            new { period = "2030-Q1", matterCodes = new[] { "ZF-R1" }, reason = "同一事项再次抽取", enterpriseCount = 1, inspectorCount = 2 });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var draw = await drawn.JsonAsync();
        Assert.Equal(["33018303001", "33018303002"], draw.GetProperty("inspectors").EnumerateArray().Select(i => i.GetProperty("certificateNo").GetString()).Order());
        using var tooMany = await host.Client.CallAsync(HttpMethod.Post, "/api/planning/draws", TestIdentity.Agency("ZF"),
            new { period = "2030-Q1", matterCodes = new[] { "ZF-R1" }, reason = "人数不足时再抽", enterpriseCount = 1, inspectorCount = 3 });
        await tooMany.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "enterpriseCount");
    }
}
