using System.Globalization;
using System.Net;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>The office sets the last day to declare for a period: a later declaration is refused,
/// naming that day, until the plan is published; then it is taken for a supplementary plan.</summary>
public sealed class Declaration_deadlines(PlanningHost host) : IClassFixture<PlanningHost>
{
    const string Period = "2027-Q4";
    const string Deadline = $"/api/planning/periods/{Period}/deadline";

    static string Today(int days) => ServiceDefaults.ChinaTime.Day(DateTimeOffset.UtcNow).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    object Declaration(string enterprise) => new
    {
        period = Period, matterCodes = new[] { "YJ-T1" }, creditCodes = new[] { enterprise }, windowFrom = "2027-10-11", windowTo = "2027-11-30",
        mandateLevel = "County", category = "Routine", method = "现场检查",
    };

    Task<HttpResponseMessage> DeclareAsync(string enterprise) =>
        host.Client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), Declaration(enterprise));

    [Fact]
    public async Task A_declaration_after_the_deadline_is_refused_naming_it_until_the_plan_is_published()
    {
        var client = host.Client;
        using (var none = await client.CallAsync(HttpMethod.Get, Deadline, TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using (var agency = await client.CallAsync(HttpMethod.Put, Deadline, TestIdentity.Agency("YJ"), new { lastDay = Today(30) }))
            Assert.Equal(HttpStatusCode.Forbidden, agency.StatusCode);
        using (var missing = await client.CallAsync(HttpMethod.Put, Deadline, TestIdentity.Office(), new { }))
            await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "lastDay");
        using (var afterEnd = await client.CallAsync(HttpMethod.Put, Deadline, TestIdentity.Office(), new { lastDay = "2028-01-01" }))
            await afterEnd.AssertProblemAsync(HttpStatusCode.BadRequest, "lastDay");
        using (var badPeriod = await client.CallAsync(HttpMethod.Put, "/api/planning/periods/2027-Q5/deadline", TestIdentity.Office(), new { lastDay = Today(30) }))
            await badPeriod.AssertProblemAsync(HttpStatusCode.BadRequest, "period");
        Assert.Equal(0, await Sql.CountAsync(host.Database, "declaration_deadlines"));

        using (var open = await client.CallAsync(HttpMethod.Put, Deadline, TestIdentity.Office(), new { lastDay = Today(30) }))
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        using (var onTime = await DeclareAsync(host.Enterprises[0]))
            Assert.Equal(HttpStatusCode.Created, onTime.StatusCode);

        var yesterday = Today(-1);
        using (var closed = await client.CallAsync(HttpMethod.Put, Deadline, TestIdentity.Office(), new { lastDay = yesterday }))
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        using (var read = await client.CallAsync(HttpMethod.Get, Deadline, TestIdentity.Agency("XF")))
            Assert.Equal(yesterday, (await read.JsonAsync()).GetProperty("lastDay").GetString());
        var declarations = await Sql.CountAsync(host.Database, "plan_declarations");
        using (var late = await DeclareAsync(host.Enterprises[1]))
        {
            var errors = await late.ErrorsAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Contains(yesterday, errors.GetProperty("period")[0].GetString());
        }
        Assert.Equal(declarations, await Sql.CountAsync(host.Database, "plan_declarations"));

        using var run = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations", TestIdentity.Office(), new { });
        var id = (await run.JsonAsync()).GetProperty("summary").GetProperty("id").GetString();
        using (var publish = await client.CallAsync(HttpMethod.Post, $"/api/planning/periods/{Period}/consolidations/{id}/publish", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);

        // After publication the late declaration waits for the supplementary plan.
        using (var forSupplement = await DeclareAsync(host.Enterprises[1]))
        {
            Assert.Equal(HttpStatusCode.Created, forSupplement.StatusCode);
            Assert.Equal("Declared", (await forSupplement.JsonAsync()).GetProperty("status").GetString());
        }
        using (var fixedNow = await client.CallAsync(HttpMethod.Put, Deadline, TestIdentity.Office(), new { lastDay = Today(30) }))
            Assert.Equal(HttpStatusCode.Conflict, fixedNow.StatusCode);
    }
}
