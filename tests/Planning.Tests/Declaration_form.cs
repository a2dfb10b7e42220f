using System.Net;
using System.Net.Http.Headers;
using MiniExcelLibs;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>The office's declaration form as a spreadsheet: uploaded whole or not at all, and
/// downloaded in the same form.</summary>
public sealed class Declaration_form : IClassFixture<PlanningHost>
{
    readonly PlanningHost _host;

    public Declaration_form(PlanningHost host) => _host = host;

    async Task<HttpResponseMessage> UploadAsync(string agency, IEnumerable<Dictionary<string, object>> rows)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows.ToList());
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/declarations/import") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Agency(agency));
        return await _host.Client.SendAsync(request);
    }

    Dictionary<string, object> Row(string matters, string enterprises, string from, string to, string level = "县", string category = "日常检查") => new()
    {
        ["申报期间"] = "2026-Q4", ["检查事项编码"] = matters, ["统一社会信用代码"] = enterprises, ["开始日期"] = from, ["结束日期"] = to,
        ["任务来源"] = level, ["检查类别"] = category, ["检查方式"] = "现场检查", ["配合单位"] = "",
    };

    [Fact]
    public async Task A_form_with_one_bad_row_stores_nothing_and_names_the_row_and_a_good_form_declares_every_row()
    {
        var (e1, e2) = (_host.Enterprises[0], _host.Enterprises[1]);
        using (var bad = await UploadAsync("YJ", [Row("YJ-T1", e1, "2026-12-01", "2026-12-10"), Row("YJ-T2", $"{e1}、{e2}", "2026-12-20", "2026-12-05")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("rows[3].windowTo", out _));
        }
        using (var unknownLevel = await UploadAsync("YJ", [Row("YJ-T1", e1, "2026-12-01", "2026-12-10", level: "乡")]))
            Assert.True((await unknownLevel.JsonAsync()).GetProperty("errors").TryGetProperty("rows[2].mandateLevel", out _));
        using (var foreign = await UploadAsync("YJ", [Row("XF-T1", e1, "2026-12-01", "2026-12-10")]))
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(_host.Database, "plan_declarations"));

        using (var good = await UploadAsync("YJ", [Row("YJ-T1", e1, "2026-12-01", "2026-12-10"), Row("YJ-T1、YJ-T2", $"{e1}、{e2}", "2026-12-05", "2026-12-20", "省", "专业性检查")]))
        {
            Assert.Equal(HttpStatusCode.Created, good.StatusCode);
            Assert.Equal(2, (await good.JsonAsync()).GetProperty("declarations").GetInt32());
        }

        using var export = await _host.Client.CallAsync(HttpMethod.Get, "/api/planning/declarations/export?period=2026-Q4", TestIdentity.Agency("YJ"));
        var rows = (await export.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["申报期间", "检查事项编码", "统一社会信用代码", "开始日期", "结束日期", "任务来源", "检查类别", "检查方式", "配合单位"], rows[0].Keys);
        Assert.Equal("省", rows[1]["任务来源"]);
        Assert.Equal($"{e1}、{e2}", rows[1]["统一社会信用代码"]);

        using var notXlsx = await _host.Client.CallAsync(HttpMethod.Post, "/api/planning/declarations/import", TestIdentity.Agency("YJ"), new { });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notXlsx.StatusCode);
    }
}
