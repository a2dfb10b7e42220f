using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Planning.Contracts;
using Supervision.Api.Features.Reports;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>季度/年度报告: every indicator the API gives, beside the same period a year before, in print-ready
/// HTML and in a PDF whose text carries the figures.</summary>
public sealed partial class Printing_the_reform_report : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task DisposeAsync() => _host.DisposeAsync();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        var bus = _host.Bus;
        await bus.Publish(new PlanPublished("2026-Q3", Guid.NewGuid(), 34, 20, 12, 8, 0.4118, 0.315, 18, SupervisionHost.At("2026-06-20T10:00"))
            { CancelledItems = 2, ReductionByMerging = 0.3530, ReductionByCancelling = 0.0588 });
        await bus.Publish(new PlanPublished("2025-Q3", Guid.NewGuid(), 30, 26, 6, 20, 0.1333, 0.2, 24, SupervisionHost.At("2025-06-20T10:00")));
        // This year: two joint visits and one solo; a year before: three solo visits.
        await _host.InspectAsync("BA2026-YJ-00101", SupervisionHost.E1, ["YJ", "XF"], SupervisionHost.At("2026-07-06T09:00"), SupervisionHost.At("2026-07-07T11:00"));
        await _host.InspectAsync("BA2026-SJ-00102", SupervisionHost.E2, ["SJ", "YJ"], SupervisionHost.At("2026-08-03T09:00"), SupervisionHost.At("2026-08-04T11:00"));
        await _host.InspectAsync("BA2026-XF-00103", SupervisionHost.E3, ["XF"], SupervisionHost.At("2026-09-07T09:00"), SupervisionHost.At("2026-09-08T11:00"));
        await _host.InspectAsync("BA2025-YJ-00201", SupervisionHost.E1, ["YJ"], SupervisionHost.At("2025-07-07T09:00"), SupervisionHost.At("2025-07-08T11:00"));
        await _host.InspectAsync("BA2025-SJ-00202", SupervisionHost.E2, ["SJ"], SupervisionHost.At("2025-08-04T09:00"), SupervisionHost.At("2025-08-05T11:00"));
        await _host.InspectAsync("BA2025-XF-00203", SupervisionHost.E3, ["XF"], SupervisionHost.At("2025-09-08T09:00"), SupervisionHost.At("2025-09-09T11:00"));
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections", "completed_at IS NOT NULL"), n => n == 6, "every inspection is known");
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "plans", "true"), n => n == 2, "both plans are known");
        await _host.DeliveredAsync();
        using var published = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/rankings/2026-Q3/publish", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
    }

    [GeneratedRegex("""<tr data-indicator="(?<key>[^"]+)" data-now="(?<now>[^"]*)" data-before="(?<before>[^"]*)">""")]
    private static partial Regex Line();

    /// <summary>Every number of the indicators API by its path (camelCase, as the API writes it).</summary>
    static Dictionary<string, double?> Figures(JsonElement e, string path = "")
    {
        var figures = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            var key = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
            if (p.Value.ValueKind == JsonValueKind.Object)
                foreach (var (k, v) in Figures(p.Value, key)) figures[k] = v;
            else if (p.Value.ValueKind == JsonValueKind.Number) figures[key] = p.Value.GetDouble();
            else if (p.Value.ValueKind == JsonValueKind.Null) figures[key] = null;
        }
        return figures;
    }

    async Task<Dictionary<string, double?>> IndicatorsAsync(string period)
    {
        var (status, text) = await _host.GetAsync($"/api/supervision/indicators?period={period}", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.OK, status);
        return Figures(JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task The_report_shows_every_indicator_of_the_API_and_the_same_period_a_year_before()
    {
        var now = await IndicatorsAsync("2026-Q3");
        var before = await IndicatorsAsync("2025-Q3");
        var (status, html) = await _host.GetAsync("/api/supervision/report?period=2026-Q3", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("@media print", html);
        Assert.Contains("<svg", html);
        static double? Value(string raw) => raw.Length == 0 ? null : double.Parse(raw, CultureInfo.InvariantCulture);
        var lines = Line().Matches(html).ToDictionary(m => m.Groups["key"].Value, m => (Now: Value(m.Groups["now"].Value), Before: Value(m.Groups["before"].Value)));
        Assert.Equal(now.Keys.Order(StringComparer.Ordinal), lines.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in now)
        {
            Assert.True(value == lines[key].Now, $"{key}: the API says {value}, the report {lines[key].Now}");
            Assert.True(before.GetValueOrDefault(key) == lines[key].Before, $"{key} a year before: the API says {before.GetValueOrDefault(key)}, the report {lines[key].Before}");
        }
        Assert.Equal(0.0588, now["plan.reductionByCancelling"]);
        Assert.Equal(0.353, now["plan.reductionByMerging"]);
        Assert.Equal(-0.6667, now["inspections.soloYearOnYearChange"]);
    }

    [Fact]
    public async Task The_report_as_PDF_carries_the_figures_the_chart_and_the_ranking()
    {
        var now = await IndicatorsAsync("2026-Q3");
        using var response = await _host.Client.CallAsync(HttpMethod.Get, "/api/supervision/report/pdf?period=2026-Q3", TestIdentity.For("leader"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("园区执法“瘦身”改革工作2026年第三季度报告", text);
        foreach (var (name, key) in new[] { ("精简率", "plan.reductionRate"), ("精简率：合并所致", "plan.reductionByMerging"), ("精简率：取消所致", "plan.reductionByCancelling"),
                     ("备案覆盖率", "filing.coverage"), ("单独执法同比变化", "inspections.soloYearOnYearChange") })
        {
            Assert.Contains(name, text);
            Assert.Contains(ReformReport.Figure(now[key], Scale.Share), text);
        }
        Assert.Contains("41.18%", text);
        Assert.Contains("-66.67%", text);
        Assert.Contains("图1主要数量指标与上年同期对比", text);
        Assert.Contains("三、执法质效评议排名", text);
        Assert.Contains("公示", text);
    }

    [Theory]
    [InlineData("/api/supervision/report?period=2026-Q5")]
    [InlineData("/api/supervision/report/pdf?period=Q3")]
    [InlineData("/api/supervision/report")]
    public async Task A_bad_period_is_refused_naming_it(string path)
    {
        var (status, text) = await _host.GetAsync(path, TestIdentity.Office());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("period", out _));
    }

    [Theory]
    [InlineData("agency:YJ")]
    [InlineData("enterprise:" + SupervisionHost.E1)]
    public async Task The_report_is_for_the_office_leaders_and_the_task_force(string reader)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.GetAsync("/api/supervision/report?period=2026-Q3", TestIdentity.For(reader))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.GetAsync("/api/supervision/report/pdf?period=2026-Q3", TestIdentity.For(reader))).Status);
    }
}
