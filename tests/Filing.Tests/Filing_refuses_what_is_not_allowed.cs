using System.Net;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>Bad filings and filings by the wrong agency: problem details, nothing stored, nothing published.</summary>
public sealed class Filing_refuses_what_is_not_allowed(FilingHost host) : IClassFixture<FilingHost>
{
    public static TheoryData<string, string, object> BadFilings() => new()
    {
        { "one inspector", "inspectors", FilingHost.Filing(inspectors: [new { name = "王伟", certificateNo = "33018301001", agencyCode = "YJ" }]) },
        { "a certificate number of the wrong shape", "inspectors[1].certificateNo", FilingHost.Filing(inspectors: [new { name = "王伟", certificateNo = "33018301001", agencyCode = "YJ" }, new { name = "李芳", certificateNo = "证-12", agencyCode = "XF" }]) },
        { "a reversed window", "windowEnd", FilingHost.Filing(start: "2026-12-09T12:00:00+08:00", end: "2026-12-09T09:00:00+08:00") },
        { "a window in the past", "windowStart", FilingHost.Filing(start: "2026-11-30T09:00:00+08:00", end: "2026-11-30T12:00:00+08:00") },
        { "a window outside the visit", "windowStart", FilingHost.Filing(start: "2026-12-28T09:00:00+08:00", end: "2026-12-28T12:00:00+08:00") },
        { "a window in the quiet period", "windowStart", FilingHost.Filing(start: "2026-12-22T09:00:00+08:00", end: "2026-12-22T12:00:00+08:00") },
        { "an inspector of an agency not taking part", "inspectors[1].agencyCode", FilingHost.Filing(inspectors: [DemoRoster.Inspector("YJ", 1), DemoRoster.Inspector("SJ", 3)]) },
        { "an inspector who names no agency", "inspectors[1].agencyCode", FilingHost.Filing(inspectors: [DemoRoster.Inspector("YJ", 1), new { name = "赵勇", certificateNo = "33018304002" }]) },
        { "a certificate not on the agency's roster", "inspectors[1].certificateNo", FilingHost.Filing(inspectors: [DemoRoster.Inspector("YJ", 1), new { name = "赵勇", certificateNo = "33018304099", agencyCode = "XF" }]) },
        { "a certificate of another agency's roster", "inspectors[1].certificateNo", FilingHost.Filing(inspectors: [DemoRoster.Inspector("YJ", 1), new { name = "陈磊", certificateNo = "33018302002", agencyCode = "XF" }]) },
        { "a certificate expired before the visit", "inspectors[0].certificateNo", FilingHost.Filing(inspectors: [FilingHost.Expired, DemoRoster.Inspector("XF", 2)]) },
        { "a certificate held by someone else", "inspectors[1].name", FilingHost.Filing(inspectors: [DemoRoster.Inspector("YJ", 1), new { name = "李芳", certificateNo = "33018304002", agencyCode = "XF" }]) },
        { "an agency the visit does not name", "agencies[0]", new { jointId = FilingHost.JointId, agencies = new[] { "SJ" }, windowStart = "2026-12-09T09:00:00+08:00", windowEnd = "2026-12-09T12:00:00+08:00", inspectors = new[] { DemoRoster.Inspector("YJ", 1), DemoRoster.Inspector("XF", 2) } } },
    };

    [Theory]
    [MemberData(nameof(BadFilings))]
    public async Task A_bad_filing_names_the_field_and_stores_nothing(string because, string field, object body)
    {
        var outbox = await Sql.CountAsync(host.Database, "outbox_messages");
        using var response = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), body);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{because}: {(int)response.StatusCode}");
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), because);
        Assert.Equal(0, await Sql.CountAsync(host.Database, "filings"));
        Assert.Equal(outbox, await Sql.CountAsync(host.Database, "outbox_messages"));
    }

    [Theory]
    [MemberData(nameof(BadFilings))]
    public async Task A_bad_filing_is_explained_in_Chinese_with_the_code_of_each_rule(string because, string field, object body)
    {
        using var response = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), body, language: "zh-CN");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Empty(ProblemWording.Faults(problem, chinese: true));
        Assert.True(problem["errorCodes"]![field] is not null, because);
        Assert.Equal("zh-CN", response.Content.Headers.ContentLanguage.Single());
    }

    [Fact]
    public async Task A_filing_after_the_start_is_refused_by_its_own_rule_in_either_language()
    {
        var late = FilingHost.Filing(start: "2026-11-30T09:00:00+08:00", end: "2026-11-30T12:00:00+08:00");
        using var chinese = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), late, language: "zh-CN");
        var zh = await chinese.JsonAsync();
        Assert.Equal("filing.window-in-past", zh.GetProperty("errorCodes").GetProperty("windowStart")[0].GetString());
        Assert.Equal("须在检查开始前备案。", zh.GetProperty("errors").GetProperty("windowStart")[0].GetString());

        using var english = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), late);
        var en = await english.JsonAsync();
        Assert.Equal("filing.window-in-past", en.GetProperty("errorCodes").GetProperty("windowStart")[0].GetString());
        Assert.Equal("A filing is made before the inspection starts.", en.GetProperty("errors").GetProperty("windowStart")[0].GetString());
        Assert.Equal("request.invalid", en.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Only_the_lead_agency_files_the_visit_and_others_cannot_see_its_filing()
    {
        using var participant = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), FilingHost.Filing());
        Assert.Equal(HttpStatusCode.Forbidden, participant.StatusCode);
        using var anonymous = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", null, FilingHost.Filing());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var enterprise = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Enterprise(FilingHost.Enterprise), FilingHost.Filing());
        Assert.Equal(HttpStatusCode.Forbidden, enterprise.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(host.Database, "filings"));

        using var unknownCode = await host.Client.GetAsync("/api/filing/verify/AAAA-BBBB-CCCC-D");
        Assert.Equal(HttpStatusCode.NotFound, unknownCode.StatusCode);
        Assert.Equal("application/problem+json", unknownCode.Content.Headers.ContentType?.MediaType);
    }
}
