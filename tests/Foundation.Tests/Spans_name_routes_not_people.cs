using System.Diagnostics;
using System.Net;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>A trace store is read by more people than the database: a span leaving a service names the
/// route that was asked (<c>/api/filing/verify/{code}</c>), never the verification code, credit code or
/// name that the path or query carried. The service is wired to export (an OTLP endpoint is configured),
/// so the spans are the ones a collector would receive.</summary>
public sealed class Spans_name_routes_not_people : IAsyncLifetime
{
    const string Code = "QZ7KW3PX9M", CreditCode = "91330100716105852F", Name = "张三丰";
    ServiceFactory<Filing.Api.Data.FilingDb> _filing = null!;
    SpanRecorder _spans = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _filing = new ServiceFactory<Filing.Api.Data.FilingDb>(ServiceSettings.For("filing", await infra.Postgres.CreateDatabaseAsync("filing"),
            await infra.RabbitMq.CreateVirtualHostAsync("spans"), new Dictionary<string, string>
            {
                // Nobody listens there: what matters is that the exporting pipeline is wired.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            }));
        _filing.CreateClient().Dispose();
        // Listening after the service's own tracer, so the spans read here have been through its pipeline.
        _spans = new SpanRecorder();
    }

    public async Task DisposeAsync()
    {
        _spans.Dispose();
        await _filing.DisposeAsync();
    }

    [Fact]
    public async Task A_verification_and_a_search_leave_spans_with_route_templates_and_no_codes()
    {
        var trace = ActivityTraceId.CreateRandom();
        using var client = _filing.CreateClient();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        using (var verified = await client.GetAsync($"/api/filing/verify/{Code}?enterprise={CreditCode}"))
            Assert.NotEqual(HttpStatusCode.InternalServerError, verified.StatusCode);
        using (var listed = await client.CallAsync(HttpMethod.Get, $"/api/filing/filings?creditCode={CreditCode}&inspector={Uri.EscapeDataString(Name)}", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);

        var spans = await Eventually.Until(() => Task.FromResult(_spans.Trace(trace)),
            l => l.Count(s => s.Kind == ActivityKind.Server) >= 2, "both requests' spans are recorded");
        var servers = spans.Where(s => s.Kind == ActivityKind.Server).ToList();
        Assert.Contains(servers, s => s.GetTagItem("url.path") as string == "/api/filing/verify/{code}");
        Assert.Contains(servers, s => s.GetTagItem("url.path") as string == "/api/filing/filings");

        var leaks = spans.SelectMany(s => s.TagObjects.Select(t => (Span: s.DisplayName, t.Key, Value: t.Value?.ToString() ?? "")))
            .Where(t => t.Value.Contains(Code) || t.Value.Contains(CreditCode) || t.Value.Contains(Name) || t.Value.Contains(Uri.EscapeDataString(Name)))
            .Select(t => $"{t.Span}: {t.Key}={t.Value}").ToList();
        Assert.True(leaks.Count == 0, "Spans carry what the request named: " + string.Join("; ", leaks));
        Assert.DoesNotContain(spans, s => s.DisplayName.Contains(Code) || s.DisplayName.Contains(CreditCode));
    }
}
