using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>一事一账台账 as a spreadsheet: each reader exports exactly the cases its list shows, in the shape
/// its list shows them, with every case's history; a complainant's words and code leave in no file an
/// official exports.</summary>
public sealed class Exporting_the_case_ledger(Who_sees_what.ThreeCases cases) : IClassFixture<Who_sees_what.ThreeCases>
{
    readonly SupervisionHost _host = cases.Host;

    public static TheoryData<string> Readers => new() { "office", "discipline", "leader", "agency:YJ", "agency:SJ", "agency:XF", "enterprise:" + SupervisionHost.E1 };

    static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Each_reader_exports_the_cases_its_list_shows_cell_by_cell(string reader)
    {
        var token = TestIdentity.For(reader);
        using var list = await _host.Client.CallAsync(HttpMethod.Get, "/api/supervision/cases?limit=200", token);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var items = (await list.JsonAsync()).GetProperty("items").EnumerateArray().ToList();

        using var export = await _host.Client.CallAsync(HttpMethod.Get, "/api/supervision/cases/export", token);
        var (headers, rows) = await export.SheetAsync();
        Assert.Contains("办理经过", headers);
        Assert.Equal(items.Select(c => Text(c, "caseNo")), rows.Select(r => r.Text("案件编号")));
        for (var i = 0; i < items.Count; i++)
        {
            var (item, row) = (items[i], rows[i]);
            Assert.Equal(Text(item, "month"), row.Text("月份"));
            Assert.Equal(Text(item, "agencyCode"), row.Text("涉及单位"));
            Assert.Equal(Text(item, "description"), row.Text("反映内容"));
            Assert.Equal(Text(item, "forwardedSummary"), row.Text("转办内容"));
            Assert.Equal(Text(item, "filingNo"), row.Text("备案编号"));
            Assert.Equal(Text(item, "occurredOn"), row.Text("发生日期"));
            Assert.Equal(Text(item, "assignedTo"), row.Text("承办单位"));
            var submitter = item.GetProperty("submitter");
            if (submitter.ValueKind == JsonValueKind.Object) Assert.Contains(Text(submitter, "creditCode"), row.Text("反映企业"));
            else Assert.DoesNotContain(SupervisionHost.E1, row.Text("反映企业"));
            var history = item.GetProperty("history").EnumerateArray().ToList();
            var lines = row.Text("办理经过").Split('\n');
            Assert.Equal(history.Count, lines.Length);
            for (var h = 0; h < history.Count; h++)
            {
                Assert.StartsWith($"{history[h].GetProperty("sequence").GetInt32()}.", lines[h]);
                if (Text(history[h], "note") is { Length: > 0 } note) Assert.EndsWith(note, lines[h]);
            }
        }
    }

    [Theory]
    [InlineData("agency:YJ")]
    [InlineData("agency:SJ")]
    [InlineData("leader")]
    public async Task An_official_export_holds_nothing_of_the_protected_complainant(string reader)
    {
        using var export = await _host.Client.CallAsync(HttpMethod.Get, "/api/supervision/cases/export", TestIdentity.For(reader));
        var (_, rows) = await export.SheetAsync();
        var cells = rows.SelectMany(r => r.Values).Select(v => Convert.ToString(v) ?? "").ToList();
        Assert.DoesNotContain(cells, c => c.Contains("当众训斥员工"));
        Assert.DoesNotContain(cells, c => c.Contains(SupervisionHost.E1));
    }

    [Theory]
    [InlineData("/api/supervision/cases/export?month=2026-13", "month")]
    [InlineData("/api/supervision/cases/export?agencyCode=yj%0A", "agencyCode")]
    public async Task A_bad_filter_answers_problem_details_naming_it(string path, string field)
    {
        using var response = await _host.Client.CallAsync(HttpMethod.Get, path, TestIdentity.Office());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("office", true)]
    [InlineData("agency:YJ", false)]
    public async Task The_case_file_prints_the_case_and_its_history_as_its_reader_may_read_it(string reader, bool full)
    {
        var (status, json) = await _host.GetAsync($"/api/supervision/cases/{cases.Protected}", TestIdentity.For(reader));
        Assert.Equal(HttpStatusCode.OK, status);
        var item = JsonDocument.Parse(json).RootElement;
        using var file = await _host.Client.CallAsync(HttpMethod.Get, $"/api/supervision/cases/{cases.Protected}/file", TestIdentity.For(reader));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/html", file.Content.Headers.ContentType?.MediaType);
        var html = await file.Content.ReadAsStringAsync();
        Assert.Contains("@media print", html);
        Assert.Contains(Text(item, "caseNo"), html);
        foreach (var step in item.GetProperty("history").EnumerateArray())
            if (Text(step, "note") is { Length: > 0 } note) Assert.Contains(System.Net.WebUtility.HtmlEncode(note), html);
        Assert.Equal(full, html.Contains("当众训斥员工"));
        Assert.Equal(full, html.Contains(SupervisionHost.E1));
    }

    [Theory]
    [InlineData("office", true)]
    [InlineData("agency:YJ", false)]
    [InlineData("leader", false)]
    public async Task The_case_file_as_PDF_carries_what_the_reader_may_read_and_no_more(string reader, bool full)
    {
        var (_, json) = await _host.GetAsync($"/api/supervision/cases/{cases.Protected}", TestIdentity.For(reader));
        var item = JsonDocument.Parse(json).RootElement;
        using var file = await _host.Client.CallAsync(HttpMethod.Get, $"/api/supervision/cases/{cases.Protected}/file.pdf", TestIdentity.For(reader));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await file.Content.ReadAsByteArrayAsync());
        Assert.Contains("监督案件案卷", text);
        Assert.Contains(Text(item, "caseNo"), text);
        foreach (var step in item.GetProperty("history").EnumerateArray())
            if (Text(step, "note") is { Length: > 0 } note) Assert.Contains(string.Concat(note.Where(c => !char.IsWhiteSpace(c))), text);
        Assert.Equal(full, text.Contains("当众训斥员工"));
        Assert.Equal(full, text.Contains(SupervisionHost.E1));
        Assert.Equal(full, text.Contains(SupervisionHost.E1Name));
    }

    [Fact]
    public async Task A_case_file_PDF_the_reader_may_not_see_does_not_exist()
    {
        using var file = await _host.Client.CallAsync(HttpMethod.Get, $"/api/supervision/cases/{cases.Protected}/file.pdf", TestIdentity.For("agency:XF"));
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal("application/problem+json", file.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_case_file_the_reader_may_not_see_does_not_exist()
    {
        using var file = await _host.Client.CallAsync(HttpMethod.Get, $"/api/supervision/cases/{cases.Protected}/file", TestIdentity.For("agency:XF"));
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal("application/problem+json", file.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_ranking_not_published_exports_nothing()
    {
        using var response = await _host.Client.CallAsync(HttpMethod.Get, "/api/supervision/rankings/2026-Q4/export", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
