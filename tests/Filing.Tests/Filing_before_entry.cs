using System.Net;
using Filing.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>A scheduled joint visit is filed by its lead agency, verified at the gate by its code,
/// started inside its window and completed with findings; the completion leaves as an event.</summary>
public sealed class Filing_before_entry(FilingHost host) : IClassFixture<FilingHost>
{
    [Fact]
    public async Task File_verify_start_and_complete_a_joint_inspection()
    {
        var client = host.Client;
        using var filed = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing());
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var filing = await filed.JsonAsync();
        var filingNo = filing.GetProperty("filingNo").GetString()!;
        var code = filing.GetProperty("verificationCode").GetString()!;
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<InspectionFiled>().Count(f => f.FilingNo == filingNo)), n => n == 1, "InspectionFiled is published");

        using (var early = await client.GetAsync($"/api/filing/verify/{code.ToLowerInvariant()}"))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            var shown = await early.JsonAsync();
            Assert.Equal("NotYetValid", shown.GetProperty("status").GetString());
            Assert.Equal("应急管理局", shown.GetProperty("leadAgency").GetString());
            Assert.Equal(["name", "certificateNo"], shown.GetProperty("inspectors")[0].EnumerateObject().Select(p => p.Name));
            Assert.False(shown.TryGetProperty("creditCode", out _));
        }
        using (var mine = await client.CallAsync(HttpMethod.Get, "/api/filing/filings", TestIdentity.Enterprise(FilingHost.Enterprise)))
            Assert.Equal(1, (await mine.JsonAsync()).GetProperty("items").GetArrayLength());
        using (var theirs = await client.CallAsync(HttpMethod.Get, "/api/filing/filings", TestIdentity.Enterprise("91330100716105852F")))
            Assert.Equal(0, (await theirs.JsonAsync()).GetProperty("items").GetArrayLength());
        foreach (var stranger in new[] { TestIdentity.Enterprise("91330100716105852F"), TestIdentity.Agency("SJ") })
        {
            using var hidden = await client.CallAsync(HttpMethod.Get, $"/api/filing/filings/{filingNo}", stranger);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        using (var qr = await client.CallAsync(HttpMethod.Get, $"/api/filing/filings/{filingNo}/qr.png", TestIdentity.Agency("YJ")))
            Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        using (var form = await client.CallAsync(HttpMethod.Get, $"/api/filing/filings/{filingNo}/form", TestIdentity.Enterprise(FilingHost.Enterprise)))
            Assert.Contains("园区执法检查备案表", await form.Content.ReadAsStringAsync());

        using (var tooEarly = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/start", TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, tooEarly.StatusCode);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 9, 9, 30, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var valid = await client.GetAsync($"/api/filing/verify/{code}"))
            Assert.Equal("Valid", (await valid.JsonAsync()).GetProperty("status").GetString());
        // Signed in, the enterprise checked is told whether the filing is its own: another enterprise's
        // filing is never "valid" at its gate.
        using (var own = await client.CallAsync(HttpMethod.Get, $"/api/filing/verify/{code}", TestIdentity.Enterprise(FilingHost.Enterprise)))
            Assert.Equal("Valid", (await own.JsonAsync()).GetProperty("status").GetString());
        using (var another = await client.CallAsync(HttpMethod.Get, $"/api/filing/verify/{code}", TestIdentity.Enterprise("91330100716105852F")))
        {
            var shown = await another.JsonAsync();
            Assert.Equal("OtherEnterprise", shown.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(shown.GetProperty("enterpriseName").GetString()), "the enterprise named, so the gate can compare");
        }
        using (var byParticipant = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/start", TestIdentity.Agency("XF")))
            Assert.Equal(HttpStatusCode.Forbidden, byParticipant.StatusCode);
        using (var started = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/start", TestIdentity.Agency("YJ")))
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);

        var findings = new
        {
            findings = new object[]
            {
                new { matterCode = "YJ-01", description = "危化品仓库未张贴安全周知卡", severity = 1, rectifiedOnTheSpot = true, harmCaused = false },
                new { matterCode = "XF-01", description = "二楼灭火器压力不足", severity = 2, rectifiedOnTheSpot = false, rectificationDeadline = "2026-12-16", harmCaused = false },
            },
        };
        using (var completed = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/complete", TestIdentity.Agency("YJ"), findings))
            Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var done = await Eventually.Until(() => Task.FromResult(host.Published.OfType<InspectionCompleted>().Where(c => c.FilingNo == filingNo).ToList()), l => l.Count == 1, "InspectionCompleted is published");
        Assert.True(done[0].Joint);
        Assert.Equal(["YJ", "XF"], done[0].Agencies);
        Assert.Equal(2, done[0].Findings.Count);
        Assert.Equal(FilingHost.JointId, done[0].JointId);

        var outbox = await Sql.CountAsync(host.Database, "outbox_messages");
        using (var twice = await client.CallAsync(HttpMethod.Post, $"/api/filing/filings/{filingNo}/complete", TestIdentity.Agency("YJ"), findings))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        using (var again = await client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("YJ"), FilingHost.Filing(start: "2026-12-10T09:00:00+08:00", end: "2026-12-10T12:00:00+08:00")))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(outbox, await Sql.CountAsync(host.Database, "outbox_messages"));

        using var figures = await client.CallAsync(HttpMethod.Get, "/api/filing/figures?period=2026-Q4", TestIdentity.Office());
        var f = await figures.JsonAsync();
        Assert.Equal(1, f.GetProperty("inspections").GetInt32());
        Assert.Equal(1, f.GetProperty("joint").GetInt32());
        Assert.Equal(0, f.GetProperty("solo").GetInt32());
        Assert.Equal(1.0, f.GetProperty("filingCoverage").GetDouble());
        using var foreign = await client.CallAsync(HttpMethod.Get, "/api/filing/figures?period=2026-Q4", TestIdentity.Agency("XF"));
        Assert.Equal(0, (await foreign.JsonAsync()).GetProperty("inspections").GetInt32());
        using var enterprise = await client.CallAsync(HttpMethod.Get, "/api/filing/figures?period=2026-Q4", TestIdentity.Enterprise(FilingHost.Enterprise));
        Assert.Equal(HttpStatusCode.Forbidden, enterprise.StatusCode);
    }
}
