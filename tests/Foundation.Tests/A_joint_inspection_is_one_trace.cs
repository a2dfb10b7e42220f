using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestInfrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Foundation.Tests;

/// <summary>One merged (joint) inspection followed through all four services on the real broker:
/// consolidation and publication (planning) → the visit's filing, start and completion (filing) →
/// the tolerance decision (tolerance) → the read models and the enterprise's rating (supervision).
/// The calls carry one trace context, as an integrating system's would; every consume descends from
/// the request that wrote its outbox row, and the spans carry the visit's joint id and filing number.</summary>
public sealed class A_joint_inspection_is_one_trace(ITestOutputHelper output) : IAsyncLifetime
{
    readonly SpanRecorder _spans = new();
    readonly FakeTimeProvider _filingClock = new(DateTimeOffset.UtcNow);
    readonly Dictionary<string, string> _databases = [];
    ServiceFactory<Planning.Api.Data.PlanningDb> _planning = null!;
    ServiceFactory<Filing.Api.Data.FilingDb> _filing = null!;
    ServiceFactory<Tolerance.Api.Data.ToleranceDb> _tolerance = null!;
    ServiceFactory<Supervision.Api.Data.SupervisionDb> _supervision = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("joint-trace");
        foreach (var name in new[] { "planning", "filing", "tolerance", "supervision" }) _databases[name] = await infra.Postgres.CreateDatabaseAsync(name);
        Dictionary<string, string> Settings(string name) => ServiceSettings.For(name, _databases[name], broker, new Dictionary<string, string> { ["Seed:DemoPark"] = "true", ["Sweeps:InProcess"] = "false" });
        // Consumers first: planning announces the demo park as it starts.
        _filing = new ServiceFactory<Filing.Api.Data.FilingDb>(Settings("filing"), s => s.AddSingleton<TimeProvider>(_filingClock));
        _tolerance = new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(Settings("tolerance"));
        _supervision = new ServiceFactory<Supervision.Api.Data.SupervisionDb>(Settings("supervision"));
        _filing.CreateClient().Dispose();
        _tolerance.CreateClient().Dispose();
        _supervision.CreateClient().Dispose();
        _planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(Settings("planning"));
        _planning.CreateClient().Dispose();
        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "enterprises"), n => n == 60, "filing knows the demo park");
        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "matters"), n => n > 100, "filing knows the catalog");
        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "agency_rosters", "inspectors <> '[]'::jsonb"), n => n == DemoRoster.Agencies.Length, "filing knows the rosters");
    }

    public async Task DisposeAsync()
    {
        _spans.Dispose();
        foreach (var service in new IAsyncDisposable[] { _planning, _filing, _tolerance, _supervision }) await service.DisposeAsync();
    }

    [Fact]
    public async Task Every_service_and_the_bus_join_one_trace_tagged_with_the_visit()
    {
        var trace = ActivityTraceId.CreateRandom();
        HttpClient Client<T>(ServiceFactory<T> f) where T : class
        {
            var client = f.CreateClient();
            client.DefaultRequestHeaders.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            return client;
        }

        // Planning: the office consolidates and publishes the period's plan.
        using var planning = Client(_planning);
        using var run = await planning.CallAsync(HttpMethod.Post, "/api/planning/periods/2026-Q4/consolidations", TestIdentity.Office(), new { });
        var runId = (await run.JsonAsync()).GetProperty("summary").GetProperty("id").GetGuid();
        using (var published = await planning.CallAsync(HttpMethod.Post, $"/api/planning/periods/2026-Q4/consolidations/{runId}/publish", TestIdentity.Office()))
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var plan = await (await planning.GetAsync("/api/planning/periods/2026-Q4/plan")).Content.ReadFromJsonAsync<JsonElement>();
        var visit = plan.GetProperty("visits").EnumerateArray().First(v => v.GetProperty("agencies").GetArrayLength() >= 2);
        var jointId = visit.GetProperty("jointId").GetString()!;
        var lead = visit.GetProperty("leadAgency").GetString()!;
        var enterprise = visit.GetProperty("creditCode").GetString()!;
        var day = DateOnly.Parse(visit.GetProperty("day").GetString()!);
        await Eventually.Until(() => Sql.CountAsync(_databases["filing"], "scheduled_visits", "joint_id = $1", jointId), n => n == 1, "filing knows the visit");

        // Filing: the lead agency files the visit the day before, starts and completes it on the day.
        DateTimeOffset At(DateOnly d, int hour, int minute = 0) => new(d.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));
        _filingClock.SetUtcNow(At(day.AddDays(-1), 9).ToUniversalTime());
        using var filing = Client(_filing);
        using var filed = await filing.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency(lead), new
        {
            jointId, windowStart = At(day, 9), windowEnd = At(day, 12),
            inspectors = DemoRoster.Two(lead),
        });
        var filedBody = await filed.Content.ReadAsStringAsync();
        Assert.True(filed.IsSuccessStatusCode, filedBody);
        var filingNo = JsonDocument.Parse(filedBody).RootElement.GetProperty("filingNo").GetString()!;
        var matter = JsonDocument.Parse(filedBody).RootElement.GetProperty("matters").EnumerateArray().First(m => m.GetProperty("agencyCode").GetString() == lead).GetProperty("matterCode").GetString();
        _filingClock.SetUtcNow(At(day, 9, 30).ToUniversalTime());
        (await filing.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/start", TestIdentity.Agency(lead))).EnsureSuccessStatusCode();
        _filingClock.SetUtcNow(At(day, 10, 30).ToUniversalTime());
        (await filing.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/complete", TestIdentity.Agency(lead), new
        {
            findings = new[] { new { matterCode = matter, description = "应急预案未按期演练", severity = 1, rectifiedOnTheSpot = true, harmCaused = false } },
        })).EnsureSuccessStatusCode();

        // Tolerance proposes a decision on the finding; the enterprise states its case, the agency answers and its
        // review confirms; supervision learns of the inspection and of the decision issued.
        await Eventually.Until(() => Sql.CountAsync(_databases["tolerance"], "decisions", "filing_no = $1", filingNo), n => n == 1, "tolerance proposes");
        var proposal = await Sql.ScalarAsync<Guid>(_databases["tolerance"], "SELECT id FROM decisions WHERE filing_no = $1", filingNo);
        using (var tolerance = Client(_tolerance))
            foreach (var (step, caller) in new[] { ("statement", TestIdentity.Enterprise(enterprise)), ("answer", TestIdentity.Agency(lead)), ("confirm", TestIdentity.Agency(lead)) })
                (await tolerance.CallAsync(HttpMethod.Post, $"/api/tolerance/decisions/{proposal}/{step}", caller, new { text = "情况属实，依程序办理" })).EnsureSuccessStatusCode();
        await Eventually.Until(() => Sql.CountAsync(_databases["supervision"], "decisions", "filing_no = $1", filingNo), n => n == 1, "supervision learns the decision");
        await Eventually.Until(() => Sql.CountAsync(_databases["supervision"], "inspections", "filing_no = $1 AND completed_at IS NOT NULL", filingNo), n => n == 1, "supervision learns the completion");

        // Supervision: the enterprise rates the inspection.
        using var supervision = Client(_supervision);
        (await supervision.CallAsync(HttpMethod.Post, "/api/supervision/evaluations", TestIdentity.Enterprise(enterprise), new
        {
            filingNo, procedure = 5, efficiency = 5, attitude = 4, integrity = 5, comment = "提前告知，一次查完",
        })).EnsureSuccessStatusCode();

        var spans = await Eventually.Until(() => Task.FromResult(_spans.Trace(trace)),
            l => l.Count(s => s.Kind == ActivityKind.Consumer && Tag(s, "filing.no") == filingNo) >= 3
                // A server span is recorded when the request's pipeline ends, a moment after its answer.
                && l.Any(s => s.Kind == ActivityKind.Server && Tag(s, "url.path") == "/api/supervision/evaluations"), "the consumes and the rating are recorded");
        foreach (var s in spans.Where(s => s.Kind is ActivityKind.Server or ActivityKind.Consumer).OrderBy(s => s.StartTimeUtc))
            output.WriteLine($"{s.Kind,-9} {Tag(s, "url.path") ?? s.DisplayName,-70} joint={Tag(s, "inspection.joint_id")} filing={Tag(s, "filing.no")}");

        Activity Server(string path) => spans.Single(s => s.Kind == ActivityKind.Server && Tag(s, "url.path") == path && Tag(s, "http.request.method") == "POST");
        // A consume that was retried (two of supervision's consumers racing to add the inspection's
        // read-model row) has a span per attempt, each in the trace: the last is the one that took effect.
        Activity Consumer(string queue) => spans.OrderBy(s => s.StartTimeUtc).Last(s => s.Kind == ActivityKind.Consumer && s.DisplayName.Contains(queue)
            && (Tag(s, "inspection.joint_id") == jointId || Tag(s, "filing.no") == filingNo));

        // Spans name routes, never the codes in a path (see Spans_name_routes_not_people).
        var publish = Server("/api/planning/periods/{period}/consolidations/{id:guid}/publish");
        var scheduled = Consumer("filing-joint-inspection-scheduled");
        Assert.Equal(jointId, Tag(scheduled, "inspection.joint_id"));
        Assert.Contains(publish.SpanId, SpanRecorder.Ancestors(scheduled, spans));

        var complete = Server("/api/filing/filings/{filingNo}/complete");
        foreach (var request in new[] { Server("/api/filing/filings"), Server("/api/filing/filings/{filingNo}/start"), complete })
        {
            Assert.Equal(filingNo, Tag(request, "filing.no"));
            Assert.Equal(jointId, Tag(request, "inspection.joint_id"));
        }
        var decided = Consumer("tolerance-inspection-completed");
        Assert.Equal((jointId, filingNo), (Tag(decided, "inspection.joint_id"), Tag(decided, "filing.no")));
        Assert.Contains(complete.SpanId, SpanRecorder.Ancestors(decided, spans));
        foreach (var learned in new[] { Consumer("supervision-inspection-completed"), Consumer("planning-inspection-completed") })
            Assert.Contains(complete.SpanId, SpanRecorder.Ancestors(learned, spans));
        var decision = Consumer("supervision-tolerance-decision-issued");
        Assert.Equal(filingNo, Tag(decision, "filing.no"));
        // The review's confirmation issued the decision: its request wrote the outbox row supervision consumed.
        Assert.Contains(Server("/api/tolerance/decisions/{id:guid}/confirm").SpanId, SpanRecorder.Ancestors(decision, spans));
        var rating = Server("/api/supervision/evaluations");
        Assert.Equal((jointId, filingNo), (Tag(rating, "inspection.joint_id"), Tag(rating, "filing.no")));
        // The bus: a send span for each hop, inside the same trace.
        Assert.True(spans.Count(s => s.Kind == ActivityKind.Producer) >= 4);
    }

    static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();
}
