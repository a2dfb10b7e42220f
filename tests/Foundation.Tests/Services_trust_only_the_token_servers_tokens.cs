using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>What every process gets from ServiceDefaults: an endpoint that names no rule still needs a
/// signed-in caller (a fallback policy), a path that matches nothing stays 404, and a token passes only
/// when it is what the token server issues — RS256, typed <c>at+jwt</c>, signed by a key fetched from
/// the key set at the configured authority's own address.</summary>
public sealed class Services_trust_only_the_token_servers_tokens : IAsyncLifetime
{
    WebApplication _keys = null!;
    WebApplication _service = null!;
    HttpClient _client = null!;
    /// <summary>Every path the token server was asked for, in order.</summary>
    readonly ConcurrentQueue<string> _asked = new();

    public async Task InitializeAsync()
    {
        // The token server, reduced to its key set; its discovery document points elsewhere, to show
        // that a service never follows it.
        var keys = WebApplication.CreateBuilder();
        keys.WebHost.UseUrls("http://127.0.0.1:0");
        keys.Logging.ClearProviders();
        _keys = keys.Build();
        _keys.Use((context, next) => { _asked.Enqueue(context.Request.Path); return next(context); });
        _keys.MapGet("/.well-known/jwks", () => Results.Text(TestIdentity.Jwks, "application/json"));
        _keys.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = TestIdentity.Issuer, jwks_uri = "http://127.0.0.1:9/elsewhere" }));
        await _keys.StartAsync();

        var service = WebApplication.CreateBuilder();
        service.WebHost.UseUrls("http://127.0.0.1:0");
        service.Logging.ClearProviders();
        service.Configuration["Identity:Issuer"] = TestIdentity.Issuer;
        service.Configuration["Identity:Audience"] = TestIdentity.Audience;
        service.Configuration["Identity:Authority"] = Address(_keys);
        service.AddIdentityValidation();
        _service = service.Build();
        _service.UseAuthentication();
        _service.UseAuthorization();
        _service.MapGet("/unmarked", () => "signed in");
        _service.MapGet("/published", () => "for everyone").AllowAnonymous();
        await _service.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(Address(_service)) };
    }

    static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
        await _keys.DisposeAsync();
    }

    async Task<HttpStatusCode> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task An_endpoint_that_names_no_rule_needs_a_signed_in_caller()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/unmarked", null));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/unmarked", TestIdentity.Office()));
    }

    [Fact]
    public async Task What_is_marked_public_and_paths_that_match_nothing_answer_anyone()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/published", null));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("/no-such-thing", null));
    }

    [Fact]
    public async Task The_key_set_is_fetched_from_the_configured_authority_itself()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/unmarked", TestIdentity.Office()));
        Assert.Contains("/.well-known/jwks", _asked);
        Assert.DoesNotContain("/.well-known/openid-configuration", _asked);
    }

    [Theory]
    [InlineData("JWT", SecurityAlgorithms.RsaSha256)]
    [InlineData("at+jwt", SecurityAlgorithms.RsaSha384)]
    [InlineData("at+jwt", SecurityAlgorithms.RsaSsaPssSha256)]
    public async Task A_token_of_another_type_or_algorithm_is_refused_though_the_key_is_right(string type, string algorithm)
    {
        var token = TestIdentity.Token(Roles.Office, type: type, algorithm: algorithm);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/unmarked", token));
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var signed = TestIdentity.Office().Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/unmarked", $"{header}.{signed[1]}."));
    }
}
