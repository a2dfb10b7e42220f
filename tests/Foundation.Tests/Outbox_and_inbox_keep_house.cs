using System.Net;
using Messaging;
using Microsoft.Extensions.DependencyInjection;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>The outbox sets aside what can never be published instead of trying it for ever, the
/// inbox forgets what is older than any redelivery, and only a change that wrote events wakes the
/// relay.</summary>
public sealed class Outbox_and_inbox_keep_house : IAsyncLifetime
{
    string _database = "";
    ServiceFactory<Planning.Api.Data.PlanningDb> _planning = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _database = await infra.Postgres.CreateDatabaseAsync("planning");
        _planning = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", _database, await infra.RabbitMq.CreateVirtualHostAsync("housekeeping"),
            new Dictionary<string, string> { ["Messaging:Inbox:PruneEvery"] = "00:00:00.500" }));
        _planning.CreateClient().Dispose();
        // The reference data entered at start is published before any test looks.
        await Eventually.Until(() => Sql.CountAsync(_database, "outbox_messages", "sent_at IS NULL"), n => n == 0, "the start's events are published");
    }

    public async Task DisposeAsync() => await _planning.DisposeAsync();

    static Task InsertOutboxRowAsync(string database, string type, string body) =>
        Sql.ScalarAsync<int>(database, """
            INSERT INTO outbox_messages (message_id, message_type, body, occurred_at, attempts, next_attempt_at)
            VALUES (gen_random_uuid(), $1, $2::jsonb, now(), 0, now()) RETURNING 1
            """, type, body);

    [Fact]
    public async Task A_row_that_can_never_be_published_is_set_aside_and_the_others_are_published()
    {
        await InsertOutboxRowAsync(_database, "Planning.Contracts.RemovedLongAgo, Planning.Contracts", "{}");
        await InsertOutboxRowAsync(_database, "Planning.Contracts.WorkingCalendarChanged, Planning.Contracts", "\"not a calendar\"");
        await InsertOutboxRowAsync(_database, "Planning.Contracts.WorkingCalendarChanged, Planning.Contracts",
            """{"year": 2031, "calendarVersion": 1, "holidays": [], "makeUpWorkdays": [], "changedAt": "2026-12-01T00:00:00Z"}""");

        await Eventually.Until(() => Sql.CountAsync(_database, "outbox_messages", "dead_at IS NOT NULL"), n => n == 2, "the two unreadable rows are dead");
        await Eventually.Until(() => Sql.CountAsync(_database, "outbox_messages", "sent_at IS NULL AND dead_at IS NULL"), n => n == 0, "the readable row is published");
        Assert.Equal(2, await Sql.CountAsync(_database, "outbox_messages", "dead_at IS NOT NULL AND sent_at IS NULL AND attempts = 1 AND last_error IS NOT NULL"));
        Assert.Equal(1, await Sql.CountAsync(_database, "outbox_messages", "dead_at IS NOT NULL AND last_error LIKE '%no longer loads%'"));
    }

    [Fact]
    public async Task Inbox_rows_older_than_the_retention_are_pruned_and_newer_ones_kept()
    {
        var (old, recent) = (Guid.NewGuid(), Guid.NewGuid());
        await Sql.ScalarAsync<int>(_database, "INSERT INTO inbox_messages (message_id, consumer, handled_at) VALUES ($1, 'Old', now() - interval '31 days'), ($2, 'Recent', now() - interval '29 days') RETURNING 1", old, recent);

        await Eventually.Until(() => Sql.CountAsync(_database, "inbox_messages", "message_id = $1", old), n => n == 0, "the old row is pruned");
        Assert.Equal(1, await Sql.CountAsync(_database, "inbox_messages", "message_id = $1", recent));
    }

    [Fact]
    public async Task Only_a_change_that_wrote_events_wakes_the_relay()
    {
        var signal = _planning.Services.GetRequiredService<OutboxSignal>();
        using var client = _planning.CreateClient();

        var before = signal.Notifications;
        // A quarter's draw commitment is stored and announces nothing (an agency's change now does: its roster).
        using (var response = await client.CallAsync(HttpMethod.Post, "/api/planning/draws/commitments", TestIdentity.Office(), new { period = "2030-Q2" }))
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(before, signal.Notifications);

        using (var response = await Demo.RegisterAsync(client, Demo.NewCreditCode()))
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(before + 1, signal.Notifications);
    }
}
