using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Filing.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Planning.Contracts;
using Supervision.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>The supervision service on its own database and virtual host, on a clock the test moves,
/// fed with events as the other services publish them, with a bus recording what it publishes.</summary>
public sealed class SupervisionHost(IReadOnlyDictionary<string, string>? extra = null) : IAsyncLifetime
{
    public const string E1 = "91330100716105852F";
    public const string E2 = "91330183MA2100001M";
    public const string E3 = "91330183MA2100002K";
    public const string E1Name = "华东精细化工有限公司";
    public static readonly string[] Agencies = ["YJ", "SJ", "XF", "ZF"];

    public FakeTimeProvider Clock { get; } = new(At("2026-12-01T09:00"));
    public string Database { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public ConcurrentQueue<object> Published { get; } = new();
    public IBusControl Bus { get; private set; } = null!;
    public IServiceProvider Services => _service.Services;
    ServiceFactory<Supervision.Api.Data.SupervisionDb> _service = null!;
    PrivateRabbitMq _rabbitMq = null!;
    public string Broker { get; private set; } = "";

    /// <summary>Waits until every message sent so far is handled (redeliveries too).</summary>
    public async Task DeliveredAsync() => await _rabbitMq.DeliveredAsync(Broker);

    /// <summary>Waits until nothing is left to happen on its own: every message handled, every event the
    /// service wrote published and seen.</summary>
    public async Task QuietAsync() => await _rabbitMq.QuietAsync(Broker, [Database]);

    /// <summary>An instant given in China time, e.g. 2026-12-01T09:00.</summary>
    public static DateTimeOffset At(string chinaTime) => DateTimeOffset.Parse(chinaTime + ":00+08:00").ToUniversalTime();

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbitMq = infra.RabbitMq;
        var broker = Broker = await infra.RabbitMq.CreateVirtualHostAsync("supervision");
        Database = await infra.Postgres.CreateDatabaseAsync("supervision");
        Bus = await TestBroker.StartAsync(broker, cfg => cfg.ReceiveEndpoint("observer", e =>
        {
            e.Handler<CaseOpened>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<CaseOverdue>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<RankingPublished>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
        }));
        var settings = new Dictionary<string, string> { ["Sweeps:InProcess"] = "false", ["Supervision:IndicatorsEvery"] = "00:00:00.200" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        _service = new ServiceFactory<Supervision.Api.Data.SupervisionDb>(ServiceSettings.For("supervision", Database, broker, settings),
            services => services.AddSingleton<TimeProvider>(Clock));
        Client = _service.CreateClient();

        foreach (var (code, name) in new[] { (E1, E1Name), (E2, "杭州临江新材料有限公司"), (E3, "浙江东辰机械制造有限公司") })
            await Bus.Publish(new EnterpriseRegistered(code, name, "化工园区A区", "化工", RiskLevel.High, [], DateTimeOffset.UtcNow));
        foreach (var agency in Agencies)
            await Bus.Publish(new MatterCatalogChanged($"{agency}-01", 1, agency, "检查事项", InspectionCategory.Routine, true, "《行政处罚法》", 2, new DateOnly(2026, 1, 1), null, DateTimeOffset.UtcNow));
        await Eventually.Until(() => Sql.CountAsync(Database, "enterprises"), n => n == 3, "supervision knows the enterprises");
        await Eventually.Until(() => Sql.CountAsync(Database, "agencies"), n => n == Agencies.Length, "supervision knows the agencies");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Bus.StopAsync();
        await _service.DisposeAsync();
    }

    public async Task<JsonElement> SubmitCardAsync(string enterprise, object card)
    {
        using var response = await Client.CallAsync(HttpMethod.Post, "/api/supervision/cards", TestIdentity.Enterprise(enterprise), card);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> StepAsync(Guid caseId, string step, string token, object? body = null)
    {
        using var response = await Client.CallAsync(HttpMethod.Post, $"/api/supervision/cases/{caseId}/{step}", token, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The forwarded summary (转办内容) the office writes when the tests send a case for sign-off.</summary>
    public const string Forwarded = "营商办转办：请核实检查人员的执法作风问题并反馈";

    /// <summary>Takes a case from registered to assigned: sign-off, instruction, transfer.</summary>
    public async Task AssignAsync(Guid caseId, string unit, string deadline)
    {
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(caseId, "send-for-sign-off", TestIdentity.Office(), new { forwardedSummary = Forwarded })).Status);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(caseId, "instruct", TestIdentity.Leader(), new { note = "请责任单位核实处理，按期办结" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(caseId, "assign", TestIdentity.Office(), new { assignedTo = unit, deadline })).Status);
    }

    public async Task<(HttpStatusCode Status, string Text)> GetAsync(string path, string? token)
    {
        using var response = await Client.CallAsync(HttpMethod.Get, path, token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An inspection as filing announces it: filed, and completed when a completion time is given.</summary>
    public async Task InspectAsync(string filingNo, string enterprise, string[] agencies, DateTimeOffset filedAt, DateTimeOffset? completedAt = null, int findings = 0, bool unplanned = false)
    {
        await Bus.Publish(new InspectionFiled(filingNo, unplanned ? null : $"J-{filingNo}", unplanned, enterprise, agencies[0], agencies, [$"{agencies[0]}-01"], filedAt.AddDays(1), filedAt.AddDays(1).AddHours(3), filedAt));
        if (completedAt is { } done)
            await Bus.Publish(new InspectionCompleted(filingNo, null, enterprise, agencies[0], agencies, agencies.Length > 1,
                Enumerable.Range(0, findings).Select(i => new Finding($"{agencies[0]}-01", agencies[0], $"问题{i + 1}", 2, true, null, HarmCaused: false)).ToList(), done.AddHours(-2), done));
    }
}
