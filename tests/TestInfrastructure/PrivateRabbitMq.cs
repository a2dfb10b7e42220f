namespace TestInfrastructure;

/// <summary>A private RabbitMQ node in a folder of its own, started by deploy/local/rabbitmq.sh.</summary>
public sealed class PrivateRabbitMq(string folder, string uri)
{
    public string Folder { get; } = folder;
    public string Uri { get; } = uri;

    public static async Task<PrivateRabbitMq> StartAsync(string folder) =>
        new(folder, await Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "start", folder));

    /// <summary>Starts the stopped node again on its AMQP port, so its clients find it where it was.</summary>
    public Task StartAgainAsync() => Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "start", Folder, new System.Uri(Uri).Port.ToString());

    /// <summary>A virtual host of its own, so one test class's services never take another's messages.</summary>
    public Task<string> CreateVirtualHostAsync(string prefix) =>
        Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "vhost", Folder, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)]);

    /// <summary>SIGKILL of the node, as a crash: immediate, unlike an orderly stop that closes every
    /// connection first.</summary>
    public Task KillAsync() => Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "kill", Folder);

    public Task StopAsync() => Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "stop", Folder);

    /// <summary>Each queue of <paramref name="brokerUri"/>'s virtual host with the messages it holds, ready or
    /// delivered and not yet acknowledged.</summary>
    public async Task<Dictionary<string, long>> QueuedAsync(string brokerUri)
    {
        var vhost = System.Uri.UnescapeDataString(new System.Uri(brokerUri).AbsolutePath.Trim('/')) is { Length: > 0 } name ? name : "/";
        var lines = await Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "queues", Folder, vhost);
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(q => q[0], q => long.Parse(q[^1]));
    }

    /// <summary>The policies of <paramref name="brokerUri"/>'s virtual host: name, pattern and definition (JSON).</summary>
    public async Task<List<(string Name, string Pattern, string Definition)>> PoliciesAsync(string brokerUri)
    {
        var vhost = System.Uri.UnescapeDataString(new System.Uri(brokerUri).AbsolutePath.Trim('/')) is { Length: > 0 } name ? name : "/";
        var lines = await Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "policies", Folder, vhost);
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 3)).Select(p => (p[0], p[1], p[2])).ToList();
    }

    /// <summary>Waits until every message published on <paramref name="brokerUri"/>'s virtual host before the
    /// call is handled: no queue holds one ready or unacknowledged. A consumer acknowledges once its
    /// transaction committed (a retried message stays unacknowledged), so what it wrote is then in its
    /// database. Error and skipped queues are left out: what lands there was given up on.</summary>
    public Task DeliveredAsync(string brokerUri, TimeSpan? timeout = null) =>
        Eventually.Until(async () => (await QueuedAsync(brokerUri)).Where(q => !q.Key.EndsWith("_error") && !q.Key.EndsWith("_skipped")).Sum(q => q.Value),
            n => n == 0, "every message on the broker is handled", timeout ?? Patience);

    /// <summary>Waits until nothing is left to happen on its own: every outbox row of <paramref name="databases"/>
    /// is published (the relay marks a row sent once the broker confirmed it), every message on the
    /// virtual host is handled, no message waits parked to be sent again, and handling them wrote no new
    /// outbox row (else it waits again).</summary>
    public async Task QuietAsync(string brokerUri, IEnumerable<string> databases, TimeSpan? timeout = null)
    {
        var outboxes = databases.ToList();
        async Task<long> OutboxAsync(string where)
        {
            long rows = 0;
            foreach (var database in outboxes) rows += await Sql.CountAsync(database, "outbox_messages", where);
            return rows;
        }
        long written;
        do
        {
            written = await OutboxAsync("true");
            await Eventually.Until(() => OutboxAsync("sent_at IS NULL"), n => n == 0, "every outbox row is published", timeout ?? Patience);
            await DeliveredAsync(brokerUri, timeout);
            // A parked message is acknowledged and out of every queue, yet still to be handled (dead ones aside).
            foreach (var database in outboxes)
                await Eventually.Until(() => Sql.CountAsync(database, "parked_messages", "dead_at IS NULL"), n => n == 0, "no parked message waits to be sent again", timeout ?? Patience);
        } while (await OutboxAsync("true") != written);
    }

    static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
}
