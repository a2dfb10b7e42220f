using System.Diagnostics;
using System.Net;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>The span that wrote an outbox row is the ancestor of the publish and of the consume in
/// another service, although the relay publishes later on another thread.</summary>
public sealed class Trace_context_survives_the_outbox : IAsyncLifetime
{
    readonly SpanRecorder _spans = new();
    string _filingDb = "";
    ServiceFactory<Planning.Api.Data.PlanningDb> _planning = null!;
    ServiceFactory<Filing.Api.Data.FilingDb> _filing = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("trace");
        _filingDb = await infra.Postgres.CreateDatabaseAsync("filing");
        _planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", await infra.Postgres.CreateDatabaseAsync("planning"), broker));
        _filing = new ServiceFactory<Filing.Api.Data.FilingDb>(ServiceSettings.For("filing", _filingDb, broker));
        _filing.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        _spans.Dispose();
        await _planning.DisposeAsync();
        await _filing.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_traced_request_When_its_event_is_relayed_and_consumed_Then_one_trace_links_request_publish_and_consume()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var code = Demo.NewCreditCode();
        using var client = _planning.CreateClient();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await Demo.RegisterAsync(client, code);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Eventually.Until(() => Sql.CountAsync(_filingDb, "enterprises", "credit_code = $1", code), n => n == 1, "filing consumed the event");

        var trace = await Eventually.Until(() => Task.FromResult(_spans.Trace(traceId)),
            spans => spans.Any(s => s.Kind == ActivityKind.Consumer), "the consume span is recorded");
        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        var relay = Assert.Single(trace, s => s.OperationName.StartsWith("outbox publish", StringComparison.Ordinal));
        var consume = trace.First(s => s.Kind == ActivityKind.Consumer);

        Assert.Equal(request.SpanId, relay.ParentSpanId);
        Assert.Contains(relay.SpanId, SpanRecorder.Ancestors(consume, trace));
        Assert.Contains(trace, s => s.Kind == ActivityKind.Producer && SpanRecorder.Ancestors(s, trace).Contains(relay.SpanId));
    }
}
