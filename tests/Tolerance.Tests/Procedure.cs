using System.Net;
using TestInfrastructure;
using Xunit;

namespace Tolerance.Tests;

/// <summary>Takes the engine's proposals through the procedure the shortest lawful way: the enterprise
/// states its case, the agency answers it, and the agency's review confirms the proposal (a statement
/// answered needs no wait for its period to end). For tests whose subject comes after the decision.</summary>
static class Procedure
{
    public static Task<List<(Guid Id, string CreditCode, string AgencyCode)>> ProposedAsync(string database, int count) =>
        Eventually.Until(() => Sql.RowsAsync(database, "SELECT id, credit_code, agency_code FROM decisions WHERE status = 'Proposed'",
            r => (r.GetGuid(0), r.GetString(1), r.GetString(2))), l => l.Count >= count, $"{count} proposals");

    public static async Task IssueAsync(HttpClient client, (Guid Id, string CreditCode, string AgencyCode) d)
    {
        foreach (var (step, token, text) in new[]
        {
            ("statement", TestIdentity.Enterprise(d.CreditCode), "我司已认识到问题并将整改"),
            ("answer", TestIdentity.Agency(d.AgencyCode), "已记录企业意见，事实清楚"),
            ("confirm", TestIdentity.Agency(d.AgencyCode), "事实清楚，依据充分，同意拟定意见"),
        })
        {
            using var response = await client.CallAsync(HttpMethod.Post, $"/api/tolerance/decisions/{d.Id}/{step}", token, new { text });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task IssueAllAsync(HttpClient client, string database, int count)
    {
        foreach (var d in await ProposedAsync(database, count)) await IssueAsync(client, d);
    }
}
