using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Tolerance.Tests;

/// <summary>A clerk saves the draft of the tolerance list while another publishes it: the edit lands either
/// in the version being published or in the next draft, never in a version already published, which does
/// not change afterwards. Fired together many times, so that the requests really overlap.</summary>
public sealed class Editing_the_list_while_it_is_published : IAsyncLifetime
{
    const int Rounds = 12;
    ServiceFactory<Tolerance.Api.Data.ToleranceDb> _service = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _service = new ServiceFactory<Tolerance.Api.Data.ToleranceDb>(ServiceSettings.For("tolerance",
            await infra.Postgres.CreateDatabaseAsync("tolerance"), await infra.RabbitMq.CreateVirtualHostAsync("tolerance-list")));
        _service.CreateClient().Dispose();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    static object[] Items(string title) =>
    [
        new
        {
            code = "XZ-YJ-001", title, matterCode = "YJ-01", outcome = "NoPenalty", source = "County", legalBasis = "《行政处罚法》第三十三条",
            firstViolationWithinMonths = 12, maxSeverity = 2, rectification = "OnTheSpot", requiresNoHarm = true, effectiveFrom = "2026-01-01",
        },
    ];

    [Fact]
    public async Task A_published_version_keeps_what_it_was_published_with_and_every_edit_lands_in_one_version()
    {
        using var client = _service.CreateClient();
        var published = new Dictionary<int, string>();
        var edits = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            using (var draft = await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Office(), Items($"草稿{round}")))
                Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
            var edit = $"改稿{round}";
            edits.Add(edit);
            var editing = Task.Run(async () =>
            {
                using var response = await client.CallAsync(HttpMethod.Put, "/api/tolerance/items/draft", TestIdentity.Office("clerk-b"), Items(edit));
                return (response.StatusCode, Body: await response.JsonAsync());
            });
            var publishing = Task.Run(async () =>
            {
                using var response = await client.CallAsync(HttpMethod.Post, "/api/tolerance/items/publish", TestIdentity.Office("clerk-a"));
                return (response.StatusCode, Body: await response.JsonAsync());
            });
            var (edited, editedBody) = await editing;
            Assert.Equal(HttpStatusCode.OK, edited);
            var (status, body) = await publishing;
            Assert.Equal(HttpStatusCode.OK, status);
            var version = body.GetProperty("version").GetInt32();
            published[version] = Title(body);
            // The edit says where it landed: in the version being published (it came first, and is what
            // was published) or in the next draft (it came after).
            var editedVersion = editedBody.GetProperty("version").GetInt32();
            if (editedVersion == version) Assert.Equal(edit, published[version]);
            else Assert.Equal(version + 1, editedVersion);
        }

        // Every published version reads as it was published.
        foreach (var (version, title) in published)
        {
            using var read = await client.GetAsync($"/api/tolerance/items?version={version}");
            Assert.Equal(title, Title(await read.JsonAsync()));
        }
        Assert.Equal(Rounds, published.Count);
    }

    static string Title(JsonElement list) => list.GetProperty("items")[0].GetProperty("title").GetString()!;
}
