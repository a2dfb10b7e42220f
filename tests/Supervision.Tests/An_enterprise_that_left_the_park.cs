using System.Net;
using MassTransit;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>An enterprise leaves the park: its cards and open cases stay and run their course, and no
/// card about what happens from the day it left is taken, from it or entered for it.</summary>
public sealed class An_enterprise_that_left_the_park : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Keeps_its_cases_and_takes_cards_only_about_what_happened_before_it_left()
    {
        var earlier = await _host.SubmitCardAsync(SupervisionHost.E2, new { type = "Misconduct", agencyCode = "YJ", description = "检查人员索要购物卡", occurredOn = "2026-11-20" });

        var left = new EnterpriseLeftThePark(SupervisionHost.E2, "杭州临江新材料有限公司", 2, new DateOnly(2026, 12, 1), "整体搬迁至外省", DateTimeOffset.UtcNow);
        var id = NewId.NextGuid();
        await _host.Bus.Publish(left, ctx => ctx.MessageId = id);
        await _host.Bus.Publish(left, ctx => ctx.MessageId = id);   // redelivered
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "enterprises", "left_on = '2026-12-01'"), n => n == 1, "supervision knows the enterprise left");

        using (var today = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/cards", TestIdentity.Enterprise(SupervisionHost.E2),
            new { type = "RudeConduct", agencyCode = "SJ", description = "检查人员态度粗暴" }))
            await today.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "occurredOn");
        using (var entered = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/cards/entered", TestIdentity.Office(),
            new { source = "Phone", creditCode = SupervisionHost.E2, type = "Misconduct", agencyCode = "YJ", description = "电话反映检查人员索要财物", occurredOn = "2026-12-01" }))
            await entered.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "occurredOn");
        Assert.Equal(1, await Sql.CountAsync(_host.Database, "cards", "submitter_credit_code = $1", SupervisionHost.E2));

        // What happened before it left is still heard, and the case opened before runs its course.
        await _host.SubmitCardAsync(SupervisionHost.E2, new { type = "RudeConduct", agencyCode = "SJ", description = "检查人员态度粗暴", occurredOn = "2026-11-28" });
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(earlier.GetProperty("id").GetGuid(), "send-for-sign-off", TestIdentity.Office(),
            new { forwardedSummary = SupervisionHost.Forwarded })).Status);
        // Other enterprises are not touched.
        await _host.SubmitCardAsync(SupervisionHost.E3, new { type = "RudeConduct", agencyCode = "SJ", description = "检查人员态度粗暴" });
    }
}
