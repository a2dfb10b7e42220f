using ServiceDefaults;
using System.Collections.Concurrent;
using System.Net;
using MassTransit;
using Planning.Contracts;
using Planning.Domain;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>The planning service on its own database and virtual host, with the registry a test
/// needs (entered through the API as the office would) and a bus that records what it publishes.</summary>
public sealed class PlanningHost : IAsyncLifetime
{
    public string Database { get; private set; } = "";
    public ServiceFactory<Planning.Api.Data.PlanningDb> Service { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public ConcurrentQueue<object> Published { get; } = new();
    public string[] Enterprises { get; } = [Code("00001"), Code("00002"), Code("00003")];
    IBusControl _observer = null!;
    public IBusControl Bus => _observer;
    PrivateRabbitMq _rabbitMq = null!;
    string _broker = "";

    /// <summary>Waits until nothing is left to happen on its own: every event the service wrote is
    /// published and seen.</summary>
    public async Task QuietAsync() => await _rabbitMq.QuietAsync(_broker, [Database]);

    static string Code(string serial)
    {
        var first17 = $"91330183MA2{serial}9";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbitMq = infra.RabbitMq;
        var broker = _broker = await infra.RabbitMq.CreateVirtualHostAsync("plan");
        Database = await infra.Postgres.CreateDatabaseAsync("planning");
        _observer = await TestBroker.StartAsync(broker, cfg => cfg.ReceiveEndpoint("observer", e =>
        {
            e.Handler<PlanPublished>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<JointInspectionScheduled>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<PlanSupplemented>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<JointInspectionCancelled>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<EnterpriseLeftThePark>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
            e.Handler<AgencyChanged>(ctx => { Published.Enqueue(ctx.Message); return Task.CompletedTask; });
        }));
        Service = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", Database, broker));
        Client = Service.CreateClient();

        var office = TestIdentity.Office();
        foreach (var (code, agency, mergeable) in new[] { ("YJ-T1", "YJ", true), ("YJ-T2", "YJ", false), ("XF-T1", "XF", true), ("SJ-T1", "SJ", true) })
        {
            using var response = await Client.CallAsync(HttpMethod.Post, "/api/planning/matters", office, new
            {
                code, agencyCode = agency, name = $"事项{code}", category = "Routine", mergeable, legalBasis = "《安全生产法》第六十五条",
                yearlyCapPerEnterprise = 2, effectiveFrom = "2026-01-01",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        foreach (var code in Enterprises)
        {
            using var response = await Client.CallAsync(HttpMethod.Post, "/api/planning/enterprises", office, new
            {
                creditCode = code, name = $"测试企业{code[^4..]}", zone = "A区", industry = "化工", riskLevel = "Medium",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _observer.StopAsync();
        await Service.DisposeAsync();
    }

    public object Declaration(string agency, string[] matters, string[] enterprises, string from, string to, string level = "County") => new
    {
        period = "2026-Q4", matterCodes = matters, creditCodes = enterprises, windowFrom = from, windowTo = to,
        mandateLevel = level, category = "Routine", method = "现场检查",
    };
}
