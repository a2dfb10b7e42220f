using System.Collections.Concurrent;
using System.Net;
using Filing.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestInfrastructure;
using Tolerance.Contracts;
using Xunit;

namespace Tolerance.Tests;

/// <summary>A decision that depends on rectification within days stands if the agency confirms the
/// rectification in time, and is revoked once, even with two sweeps racing, if it does not.</summary>
public sealed class Revoking_conditional_decisions : IAsyncLifetime
{
    readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-09T02:00:00Z"));
    readonly ConcurrentQueue<object> _events = new();
    IBusControl _bus = null!;
    ServiceFactory<Tolerance.Api.Data.ToleranceDb> _service = null!;
    PrivateRabbitMq _rabbitMq = null!;
    string _broker = "", _database = "";

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbitMq = infra.RabbitMq;
        var broker = _broker = await infra.RabbitMq.CreateVirtualHostAsync("revoke");
        _database = await infra.Postgres.CreateDatabaseAsync("tolerance");
        _bus = await TestBroker.StartAsync(broker, cfg => cfg.ReceiveEndpoint("observer", e =>
        {
            e.Handler<ToleranceDecisionIssued>(ctx => { _events.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<ToleranceDecisionRevoked>(ctx => { _events.Enqueue(ctx.Message); return Task.CompletedTask; });
        }));
        _service = new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(
            ServiceSettings.For("tolerance", _database, broker, new Dictionary<string, string> { ["Sweeps:InProcess"] = "false" }),
            services => services.AddSingleton<TimeProvider>(_clock));
        _service.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await _bus.StopAsync();
        await _service.DisposeAsync();
    }

    static InspectionCompleted Completed(string filingNo, string enterprise) => new(filingNo, null, enterprise, "XF", ["XF"], false,
        [new Finding("XF-01", "XF", "二楼灭火器压力不足", 2, false, new DateOnly(2026, 12, 14), HarmCaused: false)],
        DateTimeOffset.Parse("2026-12-09T01:00:00Z"), DateTimeOffset.Parse("2026-12-09T02:00:00Z"));

    /// <summary>The office publishes a list whose one item tolerates a fire-equipment fault if rectified within 7 days.</summary>
    static async Task PublishListAsync(HttpClient client)
    {
        var item = new
        {
            code = "XF-BQ-01", title = "消防器材轻微缺陷限期改正", matterCode = "XF-01", outcome = "LighterPenalty", source = "Municipal", legalBasis = "《消防安全违法行为从轻处罚清单》",
            firstViolationWithinMonths = 12, maxSeverity = 3, rectification = "WithinDays", rectificationDays = 7, requiresNoHarm = true, effectiveFrom = "2026-01-01",
        };
        await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Office(), new[] { item });
        await client.CallAsync(HttpMethod.Post, "/api/tolerance/items/publish", TestIdentity.Office());
    }

    [Fact]
    public async Task An_unconfirmed_rectification_revokes_the_decision_once_and_a_confirmed_one_stands()
    {
        using var client = _service.CreateClient();
        await PublishListAsync(client);

        await _bus.Publish(Completed("BA2026-XF-00001", "91330100716105852F"));
        await _bus.Publish(Completed("BA2026-XF-00002", "91330183MA2100001M"));
        await Procedure.IssueAllAsync(client, _database, 2);
        var issued = await Eventually.Until(() => Task.FromResult(_events.OfType<ToleranceDecisionIssued>().ToList()), l => l.Count == 2, "both are decided");
        Assert.All(issued, d => Assert.Equal(DecisionKind.ConditionallyTolerated, d.Kind));

        var confirmed = issued.Single(d => d.FilingNo == "BA2026-XF-00002");
        using (var byOther = await client.CallAsync(HttpMethod.Post, $"/api/tolerance/decisions/{confirmed.DecisionId}/rectified", TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        using (var ok = await client.CallAsync(HttpMethod.Post, $"/api/tolerance/decisions/{confirmed.DecisionId}/rectified", TestIdentity.Agency("XF")))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        _clock.SetUtcNow(DateTimeOffset.Parse("2026-12-14T12:00:00Z"));   // the deadline day itself: nothing lapses
        using (var onTheDay = await client.PostAsync("/sweeps/conditional-decisions", null))
            Assert.Equal(0, (await onTheDay.JsonAsync()).GetProperty("revoked").GetInt32());

        _clock.SetUtcNow(DateTimeOffset.Parse("2026-12-15T01:00:00Z"));
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var response = await client.PostAsync("/sweeps/conditional-decisions", null);
            return (await response.JsonAsync()).GetProperty("revoked").GetInt32();
        }));
        Assert.Equal(1, sweeps.Sum());
        var revoked = await Eventually.Until(() => Task.FromResult(_events.OfType<ToleranceDecisionRevoked>().ToList()), l => l.Count == 1, "one revocation");
        Assert.Equal("BA2026-XF-00001", revoked.Single().FilingNo);
        await _rabbitMq.QuietAsync(_broker, [_database]);   // whatever else was written is published and seen
        Assert.Single(_events.OfType<ToleranceDecisionRevoked>());
    }

    /// <summary>Confirmations arriving while the sweep revokes: each decision ends in exactly one state,
    /// rectified (the confirmation answered 200, no revocation) or revoked (the confirmation answered 409,
    /// one revocation event), never both. Fired together for many decisions.</summary>
    [Fact]
    public async Task A_confirmation_racing_the_sweep_leaves_each_decision_rectified_or_revoked_never_both()
    {
        const int Decisions = 16;
        using var client = _service.CreateClient();
        await PublishListAsync(client);
        for (var i = 0; i < Decisions; i++)
        {
            var first17 = $"91330183MA2{i:D5}9";
            await _bus.Publish(Completed($"BA2026-XF-{i + 100:D5}", first17 + ServiceDefaults.CreditCode.CheckCharacter(first17)));
        }
        await Procedure.IssueAllAsync(client, _database, Decisions);
        var issued = await Eventually.Until(() => Task.FromResult(_events.OfType<ToleranceDecisionIssued>().ToList()), l => l.Count == Decisions, "every inspection is decided");
        Assert.All(issued, d => Assert.Equal(DecisionKind.ConditionallyTolerated, d.Kind));

        _clock.SetUtcNow(DateTimeOffset.Parse("2026-12-15T01:00:00Z"));   // past every deadline, not yet swept
        var confirming = issued.Select(async d =>
        {
            using var response = await client.CallAsync(HttpMethod.Post, $"/api/tolerance/decisions/{d.DecisionId}/rectified", TestIdentity.Agency("XF"));
            return (d.DecisionId, response.StatusCode);
        }).ToList();
        var sweeping = Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await client.PostAsync("/sweeps/conditional-decisions", null);
            return (await response.JsonAsync()).GetProperty("revoked").GetInt32();
        }).ToList();
        var answers = await Task.WhenAll(confirming);
        await Task.WhenAll(sweeping);
        // Whatever the sweeps left (they skip rows a confirmation holds) is swept once more.
        using (await client.PostAsync("/sweeps/conditional-decisions", null)) { }

        var states = (await Sql.RowsAsync(_database, "SELECT id, status, rectified_at IS NOT NULL FROM decisions",
            r => (Id: r.GetGuid(0), Status: r.GetString(1), Rectified: r.GetBoolean(2)))).ToDictionary(r => r.Id);
        await _rabbitMq.QuietAsync(_broker, [_database]);
        var revocations = _events.OfType<ToleranceDecisionRevoked>().ToList();
        foreach (var (id, status) in answers)
        {
            var state = states[id];
            if (status == HttpStatusCode.OK)
            {
                Assert.True(state.Rectified && state.Status == nameof(Tolerance.Domain.DecisionStatus.Active), $"{id} was confirmed but is {state}");
                Assert.DoesNotContain(revocations, r => r.DecisionId == id);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, status);
                Assert.True(!state.Rectified && state.Status == nameof(Tolerance.Domain.DecisionStatus.Revoked), $"{id} was refused confirmation but is {state}");
                Assert.Single(revocations, r => r.DecisionId == id);
            }
        }
    }
}
