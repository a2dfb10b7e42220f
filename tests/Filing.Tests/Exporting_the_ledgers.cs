using System.Globalization;
using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>The filing register (备案台账), refusals and emergency pre-filings leave as spreadsheets with
/// Chinese headers: every row the list shows for the same filters and reader, cell by cell, and text that a
/// spreadsheet would run as a formula stays text.</summary>
public sealed class Exporting_the_ledgers(FilingHost host) : IClassFixture<FilingHost>
{
    const string FormulaLike = "=HYPERLINK(\"http://example.invalid\",\"点击\")";

    static string Beijing(JsonElement instant) => DateTimeOffset.Parse(instant.GetString()!, CultureInfo.InvariantCulture)
        .ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    async Task<List<JsonElement>> ListAsync(string path, string token)
    {
        using var response = await host.Client.CallAsync(HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.JsonAsync();
        Assert.Null(page.GetProperty("next").GetString());
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task The_filing_register_holds_every_filing_the_list_shows_cell_by_cell()
    {
        // The visit is filed once, by whichever test of this class comes first.
        using (var joint = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing()))
            Assert.True(joint.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        using (var unplanned = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("XF"), new
        {
            unplannedReason = FormulaLike, creditCode = FilingHost.Enterprise, matterCodes = new[] { "XF-01" },
            windowStart = "2026-12-10T09:00:00+08:00", windowEnd = "2026-12-10T11:00:00+08:00", inspectors = DemoRoster.Two("XF"),
        }))
            Assert.Equal(HttpStatusCode.Created, unplanned.StatusCode);

        var items = await ListAsync("/api/filing/filings?limit=200&status=Filed", TestIdentity.Office());
        Assert.True(items.Count >= 2);
        using var export = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/filings/export?status=Filed", TestIdentity.Office());
        var (headers, rows) = await export.SheetAsync();
        Assert.Equal(["备案编号", "联合检查编号", "企业名称", "统一社会信用代码", "牵头单位", "参与单位", "检查事项", "检查人员", "开始时间", "结束时间", "状态",
            "计划外原因", "超年度上限", "备案时间", "撤销原因", "改期次数"], headers);
        Assert.Equal(items.Count, rows.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (item, row) = (items[i], rows[i]);
            Assert.Equal(item.GetProperty("filingNo").GetString(), row.Text("备案编号"));
            Assert.Equal(item.GetProperty("jointId").GetString() ?? "", row.Text("联合检查编号"));
            Assert.Equal(item.GetProperty("enterpriseName").GetString(), row.Text("企业名称"));
            Assert.Equal(item.GetProperty("creditCode").GetString(), row.Text("统一社会信用代码"));
            Assert.Equal(item.GetProperty("leadAgency").GetString(), row.Text("牵头单位"));
            Assert.Equal(string.Join("、", item.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("name").GetString())), row.Text("参与单位"));
            Assert.Equal(string.Join("、", item.GetProperty("matters").EnumerateArray().Select(m => $"{m.GetProperty("matterCode").GetString()} {m.GetProperty("name").GetString()}")), row.Text("检查事项"));
            Assert.Equal(Beijing(item.GetProperty("windowStart")), row.Text("开始时间"));
            Assert.Equal(Beijing(item.GetProperty("windowEnd")), row.Text("结束时间"));
            Assert.Equal(item.GetProperty("status").GetString() == "Filed" ? "已备案" : "?", row.Text("状态"));
            Assert.Equal(Beijing(item.GetProperty("filedAt")), row.Text("备案时间"));
            Assert.Equal(item.GetProperty("overYearlyCap").GetBoolean() ? "是" : "否", row.Text("超年度上限"));
            // The reason that looks like a formula is kept as text, marked as such.
            var reason = item.GetProperty("unplannedReason").GetString();
            Assert.Equal(reason is null ? "" : reason == FormulaLike ? "'" + FormulaLike : reason, row.Text("计划外原因"));
        }
        Assert.Contains(rows, r => r.Text("计划外原因") == "'" + FormulaLike);
        Assert.All(rows, r => Assert.IsType<string>(r["计划外原因"] ?? ""));
    }

    [Fact]
    public async Task An_agency_exports_only_the_filings_its_list_shows()
    {
        using (var joint = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing()))
            Assert.True(joint.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        var own = await ListAsync("/api/filing/filings?limit=200", TestIdentity.Agency("XF"));
        using var export = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/filings/export", TestIdentity.Agency("XF"));
        var (_, rows) = await export.SheetAsync();
        Assert.Equal(own.Select(f => f.GetProperty("filingNo").GetString()), rows.Select(r => r.Text("备案编号")));
        Assert.All(rows, r => Assert.Equal("XF", r.Text("牵头单位")));
    }

    [Fact]
    public async Task Refusals_and_emergencies_export_as_their_lists_show_them()
    {
        using (var reported = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/refusals", TestIdentity.Enterprise(FilingHost.Enterprise), new
        {
            agencyCode = "SJ", description = "@SUM(1,2) 无备案人员到厂检查，已拒绝", occurredAt = "2026-12-01T08:00:00+08:00",
        }))
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var refusals = await ListAsync("/api/filing/refusals?limit=200", TestIdentity.Office());
        using (var export = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/refusals/export", TestIdentity.Office()))
        {
            var (headers, rows) = await export.SheetAsync();
            Assert.Equal(["编号", "统一社会信用代码", "执法单位", "出示的编码", "情况说明", "发生时间", "反映时间"], headers);
            Assert.Equal(refusals.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(refusals[i].GetProperty("id").GetString(), rows[i].Text("编号"));
                Assert.Equal(refusals[i].GetProperty("agencyCode").GetString(), rows[i].Text("执法单位"));
                Assert.Equal(XlsxText(refusals[i].GetProperty("description").GetString()!), rows[i].Text("情况说明"));
                Assert.Equal(Beijing(refusals[i].GetProperty("occurredAt")), rows[i].Text("发生时间"));
            }
            Assert.Contains(rows, r => r.Text("情况说明").StartsWith("'@SUM", StringComparison.Ordinal));
        }

        using (var pre = await host.Client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency("YJ"), new
        {
            creditCode = FilingHost.Enterprise, reason = "-20℃寒潮，锅炉房疑似燃气泄漏", approvedBy = "赵副局长", approvedAt = "2026-12-01T08:30:00+08:00", expectedEndAt = "2026-12-01T10:00:00+08:00",
        }))
            Assert.Equal(HttpStatusCode.Created, pre.StatusCode);
        var emergencies = await ListAsync("/api/filing/emergency?limit=200", TestIdentity.Office());
        using (var export = await host.Client.CallAsync(HttpMethod.Get, "/api/filing/emergency/export", TestIdentity.Office()))
        {
            var (_, rows) = await export.SheetAsync();
            Assert.Equal(emergencies.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var e = emergencies[i];
                Assert.Equal(e.GetProperty("provisionalNo").GetString(), rows[i].Text("临时编号"));
                Assert.Equal(XlsxText(e.GetProperty("reason").GetString()!), rows[i].Text("事由"));
                Assert.Equal(e.GetProperty("approvedBy").GetString(), rows[i].Text("批准人（分管负责人）"));
                Assert.Equal(Beijing(e.GetProperty("expectedEndAt")), rows[i].Text("预计结束时间"));
                Assert.Equal(e.GetProperty("backfillDeadline").ValueKind == JsonValueKind.Null ? "" : e.GetProperty("backfillDeadline").GetString(), rows[i].Text("补报期限"));
                Assert.Equal(e.GetProperty("backfilledAt").ValueKind == JsonValueKind.Null && e.GetProperty("withdrawnAt").ValueKind == JsonValueKind.Null
                    && !e.GetProperty("overdue").GetBoolean() && e.GetProperty("endedAt").ValueKind == JsonValueKind.Null ? "检查中" : rows[i].Text("状态"), rows[i].Text("状态"));
            }
            Assert.Contains(rows, r => r.Text("事由") == "'-20℃寒潮，锅炉房疑似燃气泄漏");
        }
    }

    static string XlsxText(string s) => s.Length > 0 && "=+-@\t\r".Contains(s[0]) ? "'" + s : s;

    [Theory]
    [InlineData("/api/filing/filings/export?agencyCode=yj%0A", "agencyCode")]
    [InlineData("/api/filing/filings/export?from=2026-12-10&to=2026-12-01", "to")]
    [InlineData("/api/filing/refusals/export?creditCode=123", "creditCode")]
    [InlineData("/api/filing/emergency/export?creditCode=123", "creditCode")]
    public async Task A_bad_filter_answers_problem_details_naming_it(string path, string field)
    {
        using var response = await host.Client.CallAsync(HttpMethod.Get, path, TestIdentity.Office());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
