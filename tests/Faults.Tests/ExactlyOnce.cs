using System.Net.Http.Headers;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>What "every downstream effect exactly once" means for a stream, checked in each service's
/// own database and in the reform's indicators: read models, decisions and ledgers hold each filing
/// and finding once; each consumer handled each event once (its inbox grew by exactly the events
/// made); each event was put in an outbox once and every outbox is drained.</summary>
public sealed class ExactlyOnce(FaultPlatform platform)
{
    static readonly string[] Consumers =
    [
        "supervision:InspectionFiledConsumer", "supervision:InspectionCompletedConsumer", "supervision:ToleranceDecisionIssuedConsumer",
        "tolerance:InspectionCompletedConsumer", "planning:InspectionCompletedConsumer",
    ];

    public sealed record Snapshot(Dictionary<string, long> Inbox, JsonElement Indicators);

    /// <summary>Taken once the platform is quiet: what an earlier test left in flight (a stream that
    /// failed half-way) is handled before, not counted as this stream's.</summary>
    public async Task<Snapshot> TakeAsync()
    {
        await platform.Broker.QuietAsync(platform.Broker.Uri, FaultPlatform.ServiceNames.Select(s => platform.Databases[s]));
        var inbox = new Dictionary<string, long>();
        foreach (var entry in Consumers)
        {
            var (service, consumer) = (entry.Split(':')[0], entry.Split(':')[1]);
            inbox[entry] = await Sql.CountAsync(platform.Databases[service], "inbox_messages", "consumer = $1", consumer);
        }
        return new Snapshot(inbox, await IndicatorsAsync());
    }

    async Task<JsonElement> IndicatorsAsync()
    {
        using var client = platform.Services["supervision"].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Office());
        var today = ServiceDefaults.ChinaTime.Day(DateTimeOffset.UtcNow);
        var period = $"{today.Year}-Q{(today.Month + 2) / 3}";
        using var response = await client.GetAsync($"/api/supervision/indicators?period={period}");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task AssertAsync(StreamOutcome outcome, Snapshot before)
    {
        var (filed, completed) = (outcome.Filed.ToArray(), outcome.Completed.ToArray());
        var (n, c) = (filed.Length, completed.Length);
        Assert.Equal(n, filed.Distinct().Count());
        var db = platform.Databases;
        var patience = TimeSpan.FromSeconds(180);

        // Everything arrives.
        await Eventually.Until(() => Sql.CountAsync(db["supervision"], "inspections", "filing_no = ANY($1) AND filed_at IS NOT NULL", filed), x => x == n, $"supervision shows the {n} filings of {outcome.Tag}", patience);
        await Eventually.Until(() => Sql.CountAsync(db["supervision"], "inspections", "filing_no = ANY($1) AND completed_at IS NOT NULL", completed), x => x == c, $"supervision shows the {c} completions", patience);
        await Eventually.Until(() => Sql.CountAsync(db["tolerance"], "decisions", "filing_no = ANY($1)", completed), x => x >= c, $"tolerance decided the {c} findings", patience);
        await Eventually.Until(() => Sql.CountAsync(db["planning"], "completed_inspections", "filing_no = ANY($1)", completed), x => x >= c, $"planning's ledger has the {c} inspections", patience);
        foreach (var service in FaultPlatform.ServiceNames)
        {
            await Eventually.Until(() => Sql.CountAsync(db[service], "outbox_messages", "sent_at IS NULL"), x => x == 0, $"{service}'s outbox is drained", patience);
            // What failed during the fault was parked and sent again; nothing stays parked, nothing died.
            await Eventually.Until(() => Sql.CountAsync(db[service], "parked_messages"), x => x == 0, $"nothing is left parked in {service}", patience);
        }
        // A second publication would have been confirmed before its row was marked sent, a redelivery is
        // still queued or unacknowledged: once every queue is handled, any of them has shown.
        await platform.Broker.DeliveredAsync(platform.Broker.Uri, patience);

        // Each once: the filings, their events, the decisions and ledgers.
        Assert.Equal(n, await Sql.CountAsync(db["filing"], "filings", "unplanned_reason LIKE $1", "%（" + outcome.Tag + "）"));
        Assert.Equal(n, await Sql.CountAsync(db["filing"], "outbox_messages", "message_type LIKE 'Filing.Contracts.InspectionFiled,%' AND body->>'filingNo' = ANY($1)", filed));
        Assert.Equal(c, await Sql.CountAsync(db["filing"], "outbox_messages", "message_type LIKE 'Filing.Contracts.InspectionCompleted,%' AND body->>'filingNo' = ANY($1)", completed));
        // A decision issues only after its procedure (the enterprise's statement period, the legal review):
        // the stream leaves one proposal per finding, and nothing issued that supervision could count.
        Assert.Equal(c, await Sql.CountAsync(db["tolerance"], "decisions", "filing_no = ANY($1) AND status = 'Proposed'", completed));
        Assert.Equal(c, await Sql.CountAsync(db["tolerance"], "ledger_findings", "filing_no = ANY($1)", completed));
        Assert.Equal(0, await Sql.CountAsync(db["tolerance"], "outbox_messages", "message_type LIKE 'Tolerance.Contracts.ToleranceDecisionIssued,%' AND body->>'filingNo' = ANY($1)", completed));
        Assert.Equal(0, await Sql.CountAsync(db["supervision"], "decisions", "filing_no = ANY($1)", completed));
        Assert.Equal(c, await Sql.CountAsync(db["planning"], "completed_inspections", "filing_no = ANY($1)", completed));

        // Each event handled once by each of its consumers.
        var after = await TakeAsync();
        var expected = new Dictionary<string, long>
        {
            ["supervision:InspectionFiledConsumer"] = n, ["supervision:InspectionCompletedConsumer"] = c, ["supervision:ToleranceDecisionIssuedConsumer"] = 0,
            ["tolerance:InspectionCompletedConsumer"] = c, ["planning:InspectionCompletedConsumer"] = c,
        };
        foreach (var (consumer, count) in expected)
            Assert.True(after.Inbox[consumer] - before.Inbox[consumer] == count, $"{consumer} handled {after.Inbox[consumer] - before.Inbox[consumer]} messages, expected {count}");

        // Every row written meanwhile, in every service, left its trail (留痕), crashes or not.
        foreach (var service in FaultPlatform.ServiceNames)
            await AuditCompleteness.AssertTracedAsync(service, db[service], platform.RestoredAt.TryGetValue(service, out var xid) ? xid : null);

        // The reform's indicators count each once.
        Assert.Equal(c, Delta(before, after, "inspections", "completed"));
        Assert.Equal(c, Delta(before, after, "filing", "filedBeforehand"));
        Assert.Equal(0, Delta(before, after, "tolerance", "decisions"));
    }

    static int Delta(Snapshot before, Snapshot after, string group, string figure) =>
        after.Indicators.GetProperty(group).GetProperty(figure).GetInt32() - before.Indicators.GetProperty(group).GetProperty(figure).GetInt32();
}
