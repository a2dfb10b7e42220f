using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>Unreadable or invalid input is answered with RFC 9457 problem details naming the field,
/// never a 500, and leaves nothing stored and nothing to publish.</summary>
public sealed class Bad_requests_get_problem_details : IAsyncLifetime
{
    string _database = "";
    ServiceFactory<Planning.Api.Data.PlanningDb> _planning = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _database = await infra.Postgres.CreateDatabaseAsync("planning");
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("bad");
        _planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", _database, broker));
    }

    public Task DisposeAsync() => _planning.DisposeAsync().AsTask();

    public static TheoryData<string, string, string> Bodies() => new()
    {
        { "malformed JSON", "{\"creditCode\": \"91330100", "$.creditCode" },
        { "a number where text is expected", "{\"creditCode\": 913301007161058, \"name\": \"x\"}", "$.creditCode" },
        { "an unknown risk level", "{\"creditCode\": \"91330100716105852F\", \"riskLevel\": \"Huge\"}", "$.riskLevel" },
        { "a risk level given as a number", "{\"creditCode\": \"91330100716105852F\", \"riskLevel\": 2}", "$.riskLevel" },
        { "a date that is not a date", "{\"quietPeriods\": [{\"from\": \"2026-02-30\", \"to\": \"2026-03-01\", \"reason\": \"x\"}]}", "$.quietPeriods[0].from" },
        { "a wrong check character", "{\"creditCode\": \"91330100716105852G\", \"name\": \"甲\", \"zone\": \"A\", \"industry\": \"化工\", \"riskLevel\": \"Low\"}", "creditCode" },
        { "a lower-case code", "{\"creditCode\": \"91330100716105852f\", \"name\": \"甲\", \"zone\": \"A\", \"industry\": \"化工\", \"riskLevel\": \"Low\"}", "creditCode" },
        { "missing fields", "{\"creditCode\": \"91330100716105852F\"}", "name" },
        { "a reversed quiet period", "{\"creditCode\": \"91330100716105852F\", \"name\": \"甲\", \"zone\": \"A\", \"industry\": \"化工\", \"riskLevel\": \"Low\", \"quietPeriods\": [{\"from\": \"2026-03-01\", \"to\": \"2026-02-01\", \"reason\": \"检修\"}]}", "quietPeriods[0]" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Given_a_bad_body_When_registering_an_enterprise_Then_400_problem_details_name_the_field_and_nothing_is_stored(string because, string body, string field)
    {
        using var client = _planning.CreateClient();
        var outbox = await Sql.CountAsync(_database, "outbox_messages");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/enterprises") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Office());

        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{because}: errors should name {field}: {problem.RootElement}");
        Assert.Equal(0, await Sql.CountAsync(_database, "enterprises"));
        Assert.Equal(outbox, await Sql.CountAsync(_database, "outbox_messages"));
    }

    [Fact]
    public async Task Given_a_form_post_When_registering_an_enterprise_Then_415_problem_details()
    {
        using var client = _planning.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/enterprises") { Content = new StringContent("creditCode=1", Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Office());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Given_no_token_When_registering_an_enterprise_Then_401_problem_details_and_an_agency_gets_403()
    {
        using var client = _planning.CreateClient();
        using var anonymous = await client.PostAsync("/api/planning/enterprises", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/enterprises") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Agency("A01"));
        using var agency = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, agency.StatusCode);
        Assert.Equal(0, await Sql.CountAsync(_database, "enterprises"));
    }

    [Fact]
    public async Task Given_an_unknown_enterprise_When_reading_it_Then_404_problem_details()
    {
        using var client = _planning.CreateClient();
        using var response = await client.GetAsync("/api/planning/enterprises/91330100716105852F");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
