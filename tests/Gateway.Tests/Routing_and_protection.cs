using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>Every route reaches its service; unknown routes, oversized bodies and the rest get problem
/// details; every answer carries the security headers; the API documents are aggregated.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Routing_and_protection(PlatformFixture platform)
{
    [Theory]
    [InlineData("/api/planning/enterprises", HttpStatusCode.OK)]
    [InlineData("/api/planning/agencies", HttpStatusCode.OK)]
    [InlineData("/api/filing/verify/AAAA-BBBB", HttpStatusCode.NotFound)]
    [InlineData("/api/tolerance/items", HttpStatusCode.OK)]
    [InlineData("/api/supervision/rankings", HttpStatusCode.OK)]
    [InlineData("/api/supervision/cases", HttpStatusCode.Unauthorized)]
    [InlineData("/api/nowhere/things", HttpStatusCode.NotFound)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task Each_path_reaches_its_service_or_gets_problem_details(string path, HttpStatusCode expected)
    {
        using var response = await platform.Client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_reaches_a_service()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/declarations") { Content = new ByteArrayContent(new byte[9 * 1024 * 1024]) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.ExpectContinue = true;   // as a well-behaved client sends a large body
        using var response = await platform.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_api_documents_of_all_services_are_merged_and_browsable()
    {
        using var merged = await platform.Client.GetAsync("/openapi/park.json");
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var document = JsonDocument.Parse(await merged.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var service in Platform.ServiceNames) Assert.Contains(paths, p => p.StartsWith($"/api/{service}/"));
        Assert.StartsWith("提交监督卡", document.GetProperty("paths").GetProperty("/api/supervision/cards").GetProperty("post").GetProperty("summary").GetString());
        // References point at the renamed schemas, and every referenced schema exists.
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToHashSet();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(document.ToString(), "#/components/schemas/([^\"]+)"))
            Assert.Contains(m.Groups[1].Value, schemas);
        using var one = await platform.Client.GetAsync("/openapi/filing.json");
        Assert.Contains("备案核验", await one.Content.ReadAsStringAsync());   // served readable, not \u-escaped
        using var ui = await platform.Client.GetAsync("/openapi");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("text/html", ui.Content.Headers.ContentType?.MediaType);
        using var discovery = await platform.Client.GetAsync("/.well-known/openid-configuration");
        Assert.Contains("/connect/token", await discovery.Content.ReadAsStringAsync());
    }
}
