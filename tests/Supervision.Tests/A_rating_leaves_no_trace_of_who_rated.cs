using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>Ratings are anonymous in the 留痕 trail too: the office and the task force, who may read the
/// whole trail, learn that an enterprise's rating came in and its scores, never who gave it, from which system or
/// address, nor which inspection (and so which enterprise) it was.</summary>
public sealed class A_rating_leaves_no_trace_of_who_rated : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_trail_of_a_rating_names_no_rater_client_address_or_inspection()
    {
        var day = SupervisionHost.At("2026-11-10T09:00");
        const string filingNo = "BA2026-YJ-07001";
        await _host.InspectAsync(filingNo, SupervisionHost.E1, ["YJ"], day, day.AddDays(1));
        var rater = TestIdentity.Enterprise(SupervisionHost.E1);
        await Eventually.Until(async () =>
        {
            using var response = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/evaluations", rater,
                new { filingNo, procedure = 4, efficiency = 5, attitude = 3, integrity = 5, comment = "检查人员态度一般" });
            return response.StatusCode;
        }, s => s == HttpStatusCode.Created, "supervision knows the completed inspection");

        foreach (var reader in new[] { TestIdentity.Office(), TestIdentity.Discipline() })
        {
            var (status, body) = await _host.GetAsync("/api/supervision/audit?entity=evaluations", reader);
            Assert.Equal(HttpStatusCode.OK, status);
            var entry = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray());
            Assert.Equal("anonymous", entry.GetProperty("actor").GetString());
            // That an enterprise rated is no secret; which system or address it rated from would be.
            Assert.Equal("enterprise", entry.GetProperty("roles").GetString());
            foreach (var unnamed in new[] { "client", "address" })
                Assert.Equal(JsonValueKind.Null, entry.GetProperty(unnamed).ValueKind);
            var fields = Assert.Single(entry.GetProperty("changes").EnumerateArray()).GetProperty("fields");
            // The scores and the comment are what the agency's ratings show anyway.
            Assert.Equal(3, fields.GetProperty("attitude").GetProperty("new").GetInt32());
            Assert.Equal("检查人员态度一般", fields.GetProperty("comment").GetProperty("new").GetString());
            var text = entry.ToString();
            foreach (var secret in new[] { SupervisionHost.E1, filingNo, $"enterprise-{SupervisionHost.E1}" })
                Assert.DoesNotContain(secret, text);
        }
    }
}
