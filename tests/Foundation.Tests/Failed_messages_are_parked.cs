using System.Net;
using System.Text.Json;
using MassTransit;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>A message its consumer cannot handle is not lost and not left to an error queue nobody reads:
/// after a few immediate retries it is parked in the consuming service's own database with its error, an
/// operator lists it (without its body), replays it once the cause is fixed, or discards it. The fault is
/// real: a trigger in filing's database refuses one enterprise, as a broken row or constraint would.</summary>
public sealed class Failed_messages_are_parked : IAsyncLifetime
{
    const string Queue = "filing-enterprise-registered";
    const int ImmediateRetries = 3;
    string _database = "", _broker = "";
    PrivateRabbitMq _rabbit = null!;
    IBusControl _publisher = null!;
    ServiceFactory<Filing.Api.Data.FilingDb> _filing = null!;
    HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        _rabbit = infra.RabbitMq;
        _broker = await infra.RabbitMq.CreateVirtualHostAsync("parked");
        _database = await infra.Postgres.CreateDatabaseAsync("filing");
        _filing = new ServiceFactory<Filing.Api.Data.FilingDb>(ServiceSettings.For("filing", _database, _broker, new Dictionary<string, string>
        {
            ["Messaging:Parking:ImmediateRetries"] = ImmediateRetries.ToString(),
            // Only an operator's replay sends a parked message again here: the automatic back-off is another test's.
            ["Messaging:Parking:FirstDelay"] = "01:00:00",
            ["Messaging:Parking:MaxDelay"] = "01:00:00",
            ["Messaging:Parking:MaxAttempts"] = "2",
        }));
        _client = _filing.CreateClient();
        _publisher = await TestBroker.StartAsync(_broker);
        // Every attempt to store the refused enterprise counts on a sequence (which a rollback does not undo), then fails.
        await Sql.ScalarAsync<int>(_database, """
            CREATE SEQUENCE refused_attempts;
            CREATE FUNCTION refuse_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.name LIKE '拒收%' THEN PERFORM nextval('refused_attempts'); RAISE EXCEPTION 'injected fault: this enterprise cannot be stored'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_enterprise BEFORE INSERT OR UPDATE ON enterprises FOR EACH ROW EXECUTE FUNCTION refuse_enterprise();
            -- Created after the migrations granted the service's user its tables: the counter needs its own grant.
            GRANT USAGE ON SEQUENCE refused_attempts TO park_service;
            SELECT 1;
            """);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _publisher.StopAsync();
        await _filing.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_message_that_always_fails_When_it_has_used_its_immediate_retries_Then_it_is_parked_listed_without_its_body_and_a_replay_after_the_fix_applies_it_once()
    {
        var code = Demo.NewCreditCode();
        var messageId = await PublishAsync(code, "拒收企业甲");

        var parked = await ParkedAsync(messageId, p => p.GetProperty("attempts").GetInt32() == 1);
        Assert.Equal(Queue, parked.GetProperty("consumer").GetString());
        Assert.Equal("Planning.Contracts.EnterpriseRegistered", parked.GetProperty("messageType").GetString());
        Assert.Contains("injected fault", parked.GetProperty("error").GetString());
        Assert.Equal("Parked", parked.GetProperty("state").GetString());
        Assert.False(parked.TryGetProperty("body", out _), "an operator never sees a message's body");
        // The immediate retries ran inside the parking, not each parked on its own.
        Assert.Equal(1 + ImmediateRetries, await Sql.ScalarAsync<long>(_database, "SELECT last_value FROM refused_attempts"));
        await AssertNothingInErrorQueuesAsync();

        // Replayed while the fault is still there: it fails again, and with its two attempts used it is dead.
        var id = parked.GetProperty("id").GetInt64();
        using (var replay = await _client.CallAsync(HttpMethod.Post, $"/operations/messages/parked/{id}/replay", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var dead = await ParkedAsync(messageId, p => p.GetProperty("state").GetString() == "Dead", "?state=Dead");
        Assert.Equal(2, dead.GetProperty("attempts").GetInt32());

        // The cause is fixed; the operator replays the dead message and it is applied, once.
        await Sql.ScalarAsync<int>(_database, "DROP TRIGGER refuse_enterprise ON enterprises; SELECT 1;");
        using (var replay = await _client.CallAsync(HttpMethod.Post, $"/operations/messages/parked/{id}/replay", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await Eventually.Until(() => Sql.ScalarAsync<string?>(_database, "SELECT name FROM enterprises WHERE credit_code = $1", code), n => n == "拒收企业甲", "the replayed message is applied");
        await Eventually.Until(() => Sql.CountAsync(_database, "parked_messages", "message_id = $1", messageId), n => n == 0, "the handled message leaves the parked list");
        Assert.Equal(1, await Sql.CountAsync(_database, "inbox_messages", "message_id = $1", messageId));
        await AssertNothingInErrorQueuesAsync();
        Assert.True(await Sql.CountAsync(_database, "audit_entries", "actor = 'office-clerk' AND changes::text LIKE '%parked_messages%'") >= 2, "each replay is recorded with who did it");
    }

    [Fact]
    public async Task Given_a_parked_message_When_the_operator_discards_it_Then_it_is_gone_for_good_and_the_discard_is_recorded()
    {
        var code = Demo.NewCreditCode();
        var messageId = await PublishAsync(code, "拒收企业乙");
        var id = (await ParkedAsync(messageId, _ => true)).GetProperty("id").GetInt64();

        using (var discard = await _client.CallAsync(HttpMethod.Delete, $"/operations/messages/parked/{id}", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.NoContent, discard.StatusCode);
        using (var again = await _client.CallAsync(HttpMethod.Delete, $"/operations/messages/parked/{id}", TestIdentity.Office()))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        Assert.Equal(0, await Sql.CountAsync(_database, "parked_messages", "message_id = $1", messageId));
        Assert.Null(await Sql.ScalarAsync<string?>(_database, "SELECT name FROM enterprises WHERE credit_code = $1", code));
        Assert.Equal(1, await Sql.CountAsync(_database, "audit_entries", "actor = 'office-clerk' AND changes::text LIKE '%parked_messages%' AND changes::text LIKE '%Deleted%'"));
        await AssertNothingInErrorQueuesAsync();
    }

    [Fact]
    public async Task What_still_reaches_an_error_queue_waits_14_days_for_an_operator()
    {
        var policy = Assert.Single(await _rabbit.PoliciesAsync(_broker), p => p.Name == "error-retention");
        var pattern = new System.Text.RegularExpressions.Regex(policy.Pattern);
        Assert.True(pattern.IsMatch(Queue + "_error") && pattern.IsMatch(Queue + "_skipped"), "the policy covers the service's error queues");
        Assert.False(pattern.IsMatch(Queue), "the consumer's own queue keeps its messages");
        var definition = JsonDocument.Parse(policy.Definition).RootElement;
        Assert.Equal((long)TimeSpan.FromDays(14).TotalMilliseconds, definition.GetProperty("message-ttl").GetInt64());
        Assert.Equal(100_000, definition.GetProperty("max-length").GetInt32());
    }

    [Fact]
    public async Task The_parked_list_is_for_the_office_only()
    {
        using (var anonymous = await _client.CallAsync(HttpMethod.Get, "/operations/messages/parked", null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        foreach (var caller in new[] { "agency:YJ", "leader", "discipline", $"enterprise:{Demo.NewCreditCode()}" })
        {
            using var response = await _client.CallAsync(HttpMethod.Get, "/operations/messages/parked", TestIdentity.For(caller));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            using var replay = await _client.CallAsync(HttpMethod.Post, "/operations/messages/parked/1/replay", TestIdentity.For(caller));
            Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        }
    }

    async Task<Guid> PublishAsync(string code, string name)
    {
        var messageId = NewId.NextGuid();
        await _publisher.Publish(new EnterpriseRegistered(code, name, "A区", "化工", RiskLevel.High, [], DateTimeOffset.UtcNow), ctx => ctx.MessageId = messageId);
        return messageId;
    }

    async Task<JsonElement> ParkedAsync(Guid messageId, Func<JsonElement, bool> done, string query = "")
    {
        async Task<JsonElement?> FindAsync()
        {
            using var response = await _client.CallAsync(HttpMethod.Get, $"/operations/messages/parked{query}", TestIdentity.Office());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            foreach (var item in page.GetProperty("items").EnumerateArray())
                if (item.GetProperty("messageId").GetGuid() == messageId) return item.Clone();
            return null;
        }
        return (await Eventually.Until(FindAsync, p => p is { } found && done(found), $"message {messageId} is listed as parked"))!.Value;
    }

    async Task AssertNothingInErrorQueuesAsync() =>
        Assert.All((await _rabbit.QueuedAsync(_broker)).Where(q => q.Key.EndsWith("_error")), q => Assert.Equal(0, q.Value));
}
