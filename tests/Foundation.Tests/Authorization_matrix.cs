using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>Every endpoint of every service × (anonymous, each role): the gate its metadata declares
/// holds — anonymous callers get 401, roles it does not name get 403, the roles it names get through.
/// An endpoint that names no role (any signed-in caller, filtered inside) must be listed below with
/// why, so a new endpoint without a rule fails this test.</summary>
public sealed class Authorization_matrix
{
    /// <summary>Endpoints open to any signed-in caller because the handler itself decides what each
    /// caller sees (an enterprise its own, an agency its own, the office all; others 403 or nothing).</summary>
    static readonly HashSet<string> FilteredInside =
    [
        "GET /api/planning/declarations", "GET /api/planning/declarations/export", "GET /api/planning/enterprises/{creditCode}/ledger",
        "GET /api/planning/declarations/{id}", "GET /api/planning/periods/{period}/cancellations",
        // Not filtered: the deadline the office set is for every official and system that declares.
        "GET /api/planning/periods/{period}/deadline",
        "GET /api/filing/filings", "GET /api/filing/filings/{filingNo}", "GET /api/filing/filings/{filingNo}/qr.png", "GET /api/filing/filings/{filingNo}/form",
        "GET /api/filing/emergency/{provisionalNo}", "GET /api/filing/refusals", "GET /api/filing/figures",
        "GET /api/filing/emergency", "GET /api/filing/cancellations", "GET /api/filing/yearly-cap-alerts", "GET /api/filing/calendar-gaps",
        "GET /api/tolerance/decisions", "GET /api/tolerance/decisions/figures", "GET /api/tolerance/decisions/{id:guid}",
        "GET /api/supervision/cases", "GET /api/supervision/cases/{id:guid}", "GET /api/supervision/evaluations",
        // Each export and the case file: cut by the same rule as the list or the case it mirrors.
        "GET /api/filing/filings/export", "GET /api/filing/emergency/export", "GET /api/filing/refusals/export",
        "GET /api/tolerance/decisions/export", "GET /api/supervision/cases/export", "GET /api/supervision/cases/{id:guid}/file",
        "GET /api/supervision/cases/{id:guid}/file.pdf",
        // Each caller's own to-do items: every kind answers nothing to a caller it does not concern.
        "GET /api/planning/todo", "GET /api/filing/todo", "GET /api/tolerance/todo", "GET /api/supervision/todo",
    ];

    static readonly Dictionary<string, string> Tokens = new()
    {
        [Roles.Office] = TestIdentity.Office(), [Roles.Agency] = TestIdentity.Agency("YJ"), [Roles.Enterprise] = TestIdentity.Enterprise("91330183MA2100001M"),
        [Roles.Leader] = TestIdentity.Leader(), [Roles.Discipline] = TestIdentity.Discipline(),
    };

    public static TheoryData<string> Services => new() { "planning", "filing", "tolerance", "supervision" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_endpoint_admits_exactly_the_callers_its_rule_names(string service)
    {
        var infra = await SharedInfrastructure.GetAsync();
        var settings = ServiceSettings.For(service, await infra.Postgres.CreateDatabaseAsync(service), await infra.RabbitMq.CreateVirtualHostAsync($"authz-{service}"),
            new Dictionary<string, string> { ["Sweeps:InProcess"] = "false", ["Filing:VerificationsPerMinute"] = "100000" });
        switch (service)
        {
            case "planning": await CheckAsync(new ServiceFactory<Planning.Api.Data.PlanningDb>(settings)); break;
            case "filing": await CheckAsync(new ServiceFactory<Filing.Api.Data.FilingDb>(settings)); break;
            case "tolerance": await CheckAsync(new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(settings)); break;
            default: await CheckAsync(new ServiceFactory<Supervision.Api.Data.SupervisionDb>(settings)); break;
        }
    }

    static async Task CheckAsync<T>(ServiceFactory<T> service) where T : class
    {
        await using var factory = service;
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var endpoints = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(endpoints);

        var failures = new List<string>();
        var checkedCalls = 0;
        foreach (var endpoint in endpoints)
        foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
        {
            var key = $"{method} /{endpoint.RoutePattern.RawText!.Trim('/')}";
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var roles = Roles.All.Where(r => Admits(endpoint, r)).ToHashSet();
            if (!anonymous && roles.Count == Roles.All.Count && !FilteredInside.Contains(key))
            {
                failures.Add($"{key}: no role named and not listed as filtered inside — give it a rule");
                continue;
            }
            var path = Path(endpoint.RoutePattern.RawText!);
            // A body of the type the endpoint accepts (otherwise routing answers 415 before any rule applies).
            var contentType = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
            Task<HttpStatusCode> CallAsync(HttpClient c, string m, string p, string? t) => Authorization_matrix.CallAsync(c, m, p, t, contentType);
            var asAnonymous = await CallAsync(client, method, path, null);
            checkedCalls++;
            if (!anonymous && asAnonymous != HttpStatusCode.Unauthorized) failures.Add($"{key} anonymous: {asAnonymous}, expected 401");
            if (anonymous && asAnonymous is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) failures.Add($"{key} anonymous: {asAnonymous}, the endpoint is public");
            foreach (var role in Roles.All)
            {
                var status = await CallAsync(client, method, path, Tokens[role]);
                checkedCalls++;
                if (anonymous || roles.Contains(role))
                {
                    if (status == HttpStatusCode.Unauthorized || (status == HttpStatusCode.Forbidden && !FilteredInside.Contains(key) && !OwnershipChecked(key)))
                        failures.Add($"{key} as {role}: {status}, the rule admits it");
                }
                else if (status != HttpStatusCode.Forbidden) failures.Add($"{key} as {role}: {status}, expected 403");
                if ((int)status >= 500) failures.Add($"{key} as {role}: {status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedCalls > endpoints.Count * 5);
    }

    /// <summary>Endpoints whose admitted role may still be refused by who owns the thing (a body
    /// naming another agency, a resource of another): the gate admitted the caller; the handler said no.</summary>
    static bool OwnershipChecked(string key) => key.Contains("{") || key.StartsWith("POST /api/planning/declarations", StringComparison.Ordinal);

    static bool Admits(RouteEndpoint endpoint, string role)
    {
        foreach (var data in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
        {
            if (data.Policy is { } policy && Roles.All.Contains(policy) && policy != role) return false;
            if (data.Roles is { } roles && !roles.Split(',').Contains(role)) return false;
        }
        foreach (var policy in endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            foreach (var requirement in policy.Requirements.OfType<RolesAuthorizationRequirement>())
                if (!requirement.AllowedRoles.Contains(role)) return false;
        return true;
    }

    static string Path(string pattern) => "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), @"\{([^}:]+)(:[^}]+)?\}", m => m.Groups[1].Value switch
    {
        "id" when m.Groups[2].Value == ":guid" => Guid.NewGuid().ToString(),
        "year" => "2026",
        "period" => "2026-Q4",
        "creditCode" => "91330183MA2100002Q",
        "filingNo" => "BA2026-SJ-00001",
        _ => "X1",
    });

    static async Task<HttpStatusCode> CallAsync(HttpClient client, string method, string path, string? token, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = contentType == "application/json" ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new ByteArrayContent([]) { Headers = { ContentType = new(contentType) } };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
