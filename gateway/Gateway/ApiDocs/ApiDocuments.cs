using System.Text.Json.Nodes;
using Gateway.Proxy;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Gateway.ApiDocs;

/// <summary>API documentation at one address: each service's OpenAPI document
/// (<c>/openapi/{service}.json</c>, fetched from the service), one merged document of the whole
/// platform (<c>/openapi/park.json</c>), and Scalar to browse them at <c>/openapi</c>.</summary>
public static class ApiDocuments
{
    static readonly Dictionary<string, string> Titles = new()
    {
        ["planning"] = "计划清单 Planning", ["filing"] = "备案清单 Filing", ["tolerance"] = "容错清单 Tolerance", ["supervision"] = "监督 Supervision",
    };

    const string HttpClientName = "api-documents";

    /// <summary>A service builds its document on the first request, which takes seconds on a busy
    /// node: a client of its own, more patient than the health probes'.</summary>
    public static IHostApplicationBuilder AddApiDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static void MapApiDocuments(this WebApplication app)
    {
        var backends = app.Services.GetRequiredService<IOptions<BackendOptions>>().Value.Addresses().ToDictionary(b => b.Cluster, b => b.Address);
        app.MapGet("/openapi/{service}.json", async (string service, IHttpClientFactory clients, CancellationToken ct) =>
        {
            if (service == "park") return Results.Text((await MergedAsync(backends, clients, ct)).ToJsonString(Identity.TokenErrors.Readable), "application/json");
            if (!backends.TryGetValue(service, out var address)) return Results.Problem(title: "No such document.", statusCode: 404);
            var document = await FetchAsync(clients, address, ct);
            return document is null ? Results.Problem(title: $"The {service} service does not answer.", statusCode: 503) : Results.Text(document.ToJsonString(Identity.TokenErrors.Readable), "application/json");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapScalarApiReference("/openapi", o =>
        {
            o.WithTitle("园区执法 API 文档");
            o.AddDocument("park", "全部接口 The whole platform", "/openapi/park.json", isDefault: true);
            foreach (var service in backends.Keys) o.AddDocument(service, Titles.GetValueOrDefault(service, service), $"/openapi/{service}.json");
        }).AllowAnonymous();
    }

    static async Task<JsonObject?> FetchAsync(IHttpClientFactory clients, Uri address, CancellationToken ct)
    {
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(new Uri(address, "/openapi/v1.json"), ct);
            return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStreamAsync(ct)) as JsonObject : null;
        }
        // Unreachable or too slow: the service does not answer (503, or left out of the merged document).
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>One document: every service's paths (already prefixed /api/{service}) and its schemas,
    /// renamed <c>{service}.{Schema}</c> with every reference rewritten, so equal names of different
    /// services never collide.</summary>
    public static async Task<JsonObject> MergedAsync(IReadOnlyDictionary<string, Uri> backends, IHttpClientFactory clients, CancellationToken ct)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var tags = new JsonArray();
        foreach (var (service, address) in backends.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (await FetchAsync(clients, address, ct) is not { } document) continue;
            Rename(document, service);
            foreach (var (path, item) in document["paths"]?.AsObject().ToList() ?? []) paths[path] = item?.DeepClone();
            foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject().ToList() ?? []) schemas[$"{service}.{name}"] = schema?.DeepClone();
            foreach (var tag in document["tags"]?.AsArray() ?? []) tags.Add(tag?.DeepClone());
        }
        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject { ["title"] = "园区执法\"瘦身\"改革平台 API", ["version"] = "v1", ["description"] = "计划清单、备案清单、容错清单与监督：经网关 /api/{service}/… 访问；令牌见 /connect/token。" },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["tags"] = tags,
        };
    }

    static void Rename(JsonNode? node, string service)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                        o[key] = $"#/components/schemas/{service}.{r["#/components/schemas/".Length..]}";
                    else Rename(value, service);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Rename(item, service);
                break;
        }
    }
}
