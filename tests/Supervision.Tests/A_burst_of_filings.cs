using Filing.Contracts;
using MassTransit;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>Filings arrive in bursts (agencies send their day's visits at once): every filing lands once,
/// redeliveries inside the same burst included, and the retaliation watch sees the one enterprise that
/// reported an agency among the many that did not.</summary>
public sealed class A_burst_of_filings : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Each_filing_of_a_burst_is_applied_once_and_watched()
    {
        await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "Misconduct", agencyCode = "YJ", description = "检查人员要求企业报销差旅费" });
        string[] enterprises = [SupervisionHost.E1, SupervisionHost.E2, SupervisionHost.E3];
        string[][] agencies = [["YJ"], ["SJ"], ["SJ", "YJ"], ["XF"]];
        var filings = Enumerable.Range(1, 300).Select(i => (Id: NewId.NextGuid(), Message: new InspectionFiled(
            $"BA2026-X-{i:D5}", null, true, enterprises[i % 3], agencies[i % 4][0], agencies[i % 4], [$"{agencies[i % 4][0]}-01"],
            SupervisionHost.At("2026-12-08T09:00"), SupervisionHost.At("2026-12-08T12:00"), SupervisionHost.At("2026-12-02T09:00").AddMinutes(i)))).ToList();
        // Every fifth is delivered twice, both copies at once.
        var deliveries = filings.SelectMany((f, i) => i % 5 == 0 ? new[] { f, f } : [f]).ToList();
        await Task.WhenAll(deliveries.Select(f => _host.Bus.Publish(f.Message, ctx => ctx.MessageId = f.Id)));

        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections"), n => n == 300, "every filing is in the read model");
        await _host.DeliveredAsync();   // the second copies too
        Assert.Equal(300, await Sql.CountAsync(_host.Database, "inspections", "filed_at IS NOT NULL"));
        Assert.Equal(300, await Sql.CountAsync(_host.Database, "inbox_messages", "consumer = 'InspectionFiledConsumer'"));
        // YJ's filings at E1 after E1's card: i % 3 == 0 (E1) and i % 4 in {0, 2} (YJ takes part).
        var watched = filings.Where((f, i) => (i + 1) % 3 == 0 && (i + 1) % 4 is 0 or 2).Select(f => f.Message.FilingNo).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(watched, await Sql.RowsAsync(_host.Database, "SELECT reference FROM retaliation_flags ORDER BY reference COLLATE \"C\"", r => r.GetString(0)));
        // The task force pages through the flags: each once, newest first.
        var paged = new List<string>();
        string? next = null;
        do
        {
            var (status, text) = await _host.GetAsync($"/api/supervision/retaliation-flags?limit=7{(next is null ? "" : $"&after={next}")}", TestIdentity.Discipline());
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
            var page = System.Text.Json.JsonDocument.Parse(text).RootElement;
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("reference").GetString()!));
            next = page.GetProperty("next").GetString();
        } while (next is not null);
        Assert.Equal(watched, paged.Order(StringComparer.Ordinal));
        // Filings that arrive together are committed together: fewer transactions than filings.
        var transactions = (await Sql.RowsAsync(_host.Database, "SELECT count(DISTINCT xmin::text) FROM inbox_messages WHERE consumer = 'InspectionFiledConsumer'", r => r.GetInt64(0))).Single();
        Assert.True(transactions < 60, $"300 filings took {transactions} transactions");   // 8 when measured
        await AuditCompleteness.AssertTracedAsync("supervision", _host.Database);
    }

    [Fact]
    public async Task A_filing_that_cannot_be_applied_fails_alone_and_its_burst_lands()
    {
        var filings = Enumerable.Range(1, 60).Select(i => new InspectionFiled(
            i == 30 ? new string('9', 60) : $"BA2026-Y-{i:D5}",   // longer than any filing number: the database refuses it
            null, true, SupervisionHost.E2, "SJ", ["SJ"], ["SJ-01"],
            SupervisionHost.At("2026-12-08T09:00"), SupervisionHost.At("2026-12-08T12:00"), SupervisionHost.At("2026-12-02T09:00").AddMinutes(i))).ToList();
        await Task.WhenAll(filings.Select(f => _host.Bus.Publish(f)));

        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections"), n => n == 59, "every good filing is in the read model");
        // The refused one was not marked handled: it is parked with its error, to be sent again later or by
        // an operator, and nothing is left with the bus once the others are acknowledged.
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "parked_messages", "message_type LIKE '%InspectionFiled%' AND body::text LIKE '%' || $1 || '%'", new string('9', 60)),
            n => n == 1, "the refused filing is parked");
        await Eventually.Until(async () => (await (await SharedInfrastructure.GetAsync()).RabbitMq.QueuedAsync(_host.Broker)).Values.Sum(), n => n == 0,
            "nothing is left with the bus");
        Assert.Equal(59, await Sql.CountAsync(_host.Database, "inspections"));
        Assert.Equal(59, await Sql.CountAsync(_host.Database, "inbox_messages", "consumer = 'InspectionFiledConsumer'"));
    }
}
