using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy;

namespace Gateway.Proxy;

/// <summary>One item of the merged to-do list: a service's item, and which service it came from.</summary>
public sealed record MergedTaskItem(string Service, string Kind, string Title, DateOnly DueOn, string Link, string? Reference);

/// <summary>A service whose items are missing from the list, and why (it is down, or did not answer in time).</summary>
public sealed record MissingPart(string Service, string Reason);

/// <summary><paramref name="More"/>: the kinds (<c>service:kind</c>) that had more items than a list shows.</summary>
public sealed record MergedTodoList(IReadOnlyList<MergedTaskItem> Items, IReadOnlyList<string> More, IReadOnlyList<MissingPart> Missing);

/// <summary>待办, <c>GET /api/todo</c>: every service's <c>GET /api/{service}/todo</c> for the caller, asked at
/// once with the caller's own token (each service decides again what is the caller's), merged and sorted by
/// due date. A service that is down, or does not answer in time, leaves its part out and the answer says
/// so (<see cref="MergedTodoList.Missing"/>): the rest of the list is still the caller's to act on. Like
/// <see cref="ReadRetry"/>, a destination that fails is followed by the next available one of its cluster.</summary>
public static class TodoList
{
    const string HttpClientName = "todo";

    public static IHostApplicationBuilder AddTodoList(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ApiProxyOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ApiProxyOptions>>().Value.ConnectTimeoutSeconds),
            });
        return builder;
    }

    public static void MapTodoList(this IEndpointRouteBuilder endpoints) => endpoints.MapGet("/api/todo", async Task<IResult> (HttpContext context,
        IProxyStateLookup proxy, IHttpClientFactory clients, CancellationToken ct) =>
    {
        // The gateway authenticated the token already (UseBearerToken); without one there is no "me" to list for.
        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(title: "Sign in to see your to-do list.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var parts = await Task.WhenAll(proxy.GetClusters().OrderBy(c => c.ClusterId, StringComparer.Ordinal)
            .Select(cluster => PartAsync(cluster.ClusterId, [.. cluster.DestinationsState.AvailableDestinations.Select(d => d.Model.Config.Address)], context, clients, ct)));
        var items = parts.SelectMany(p => p.Items).OrderBy(i => i.DueOn).ThenBy(i => i.Service, StringComparer.Ordinal).ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Reference, StringComparer.Ordinal).ToList();
        return Results.Ok(new MergedTodoList(items, [.. parts.SelectMany(p => p.More)], [.. parts.Select(p => p.Missing).OfType<MissingPart>()]));
    }).ExcludeFromDescription();

    sealed record Part(IReadOnlyList<MergedTaskItem> Items, IReadOnlyList<string> More, MissingPart? Missing);

    sealed record ServiceItem(string Kind, string Title, DateOnly DueOn, string Link, string? Reference);

    sealed record ServiceList(List<ServiceItem>? Items, List<string>? More);

    static async Task<Part> PartAsync(string service, IReadOnlyList<string> addresses, HttpContext context, IHttpClientFactory clients, CancellationToken ct)
    {
        if (addresses.Count == 0) return new([], [], new(service, "down"));
        var reason = "down";
        foreach (var address in addresses)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(address), $"/api/{service}/todo"));
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(context.Request.Headers.Authorization.ToString());
            if (context.Request.Headers.AcceptLanguage.Count > 0) request.Headers.TryAddWithoutValidation(HeaderNames.AcceptLanguage, context.Request.Headers.AcceptLanguage.ToString());
            try
            {
                using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
                if (!response.IsSuccessStatusCode) return new([], [], new(service, $"answered {(int)response.StatusCode}"));
                var list = await response.Content.ReadFromJsonAsync<ServiceList>(ct);
                return new([.. (list?.Items ?? []).Select(i => new MergedTaskItem(service, i.Kind, i.Title, i.DueOn, i.Link, i.Reference))],
                    [.. (list?.More ?? []).Select(kind => $"{service}:{kind}")], null);
            }
            // Refused, unreachable or too slow: the next destination, if the cluster has one, else the part is missing.
            catch (HttpRequestException)
            {
                reason = "down";
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                reason = "timeout";
            }
        }
        return new([], [], new(service, reason));
    }
}
