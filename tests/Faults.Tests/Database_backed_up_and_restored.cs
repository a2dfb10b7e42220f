using System.Net;
using TestInfrastructure;
using Xunit;

namespace Faults.Tests;

/// <summary>The local backup command (deploy/local/backup.sh) as an operator uses it: supervision's
/// database is backed up after a day's stream of filings, its cluster is destroyed (the folder gone),
/// and the backup is restored into a new one. Every table holds what it held, and the platform goes
/// on: the next stream's events reach supervision and every effect happens once.</summary>
[Collection("faults")]
public sealed class Database_backed_up_and_restored(FaultPlatform platform)
{
    static readonly string Script = Repository.Script("deploy/local/backup.sh");

    [Fact]
    public async Task Given_a_backup_of_a_services_database_When_its_cluster_is_destroyed_and_the_backup_restored_Then_every_count_is_equal_and_the_services_consume_on()
    {
        var cluster = platform.Clusters["supervision"];
        var database = platform.Databases["supervision"];
        using var probe = platform.Services["supervision"].CreateClient();
        probe.Timeout = TimeSpan.FromSeconds(10);
        async Task<HttpStatusCode?> ReadyAsync()
        {
            try { using var r = await probe.GetAsync("/health/ready"); return r.StatusCode; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { return null; }
        }

        // A day's work to back up, handled everywhere.
        var day = await new FilingStream(platform).RunAsync("backup-day", p => p.Filed > 0, _ => Task.CompletedTask);
        var quiet = new ExactlyOnce(platform);
        await quiet.TakeAsync();
        var counts = await Sql.TableCountsAsync(database);
        var inbox = await Sql.CountAsync(database, "inbox_messages");
        Assert.True(await Sql.CountAsync(database, "inspections", "filing_no = ANY($1)", [.. day.Filed]) == day.Filed.Count, "supervision holds the day's filings before the backup");

        var backup = platform.Infrastructure.Folder("faults", "backups", Guid.NewGuid().ToString("N"));
        var written = (await Shell.RunAsync(Script, "backup", cluster.Folder, backup)).Trim();
        Assert.Equal(Path.GetFullPath(backup), written);
        Assert.Contains(await File.ReadAllLinesAsync(Path.Combine(backup, "manifest")), line => line == "database " + new Npgsql.NpgsqlConnectionStringBuilder(database).Database);

        // Destroyed: the server stopped and its folder gone, as a lost disk would leave it.
        await cluster.StopAsync();
        Directory.Delete(cluster.Folder, recursive: true);
        await Eventually.Until(ReadyAsync, s => s == HttpStatusCode.ServiceUnavailable, "supervision says it is not ready without its database", every: TimeSpan.FromMilliseconds(500));

        await Shell.RunAsync(Script, "restore", backup, cluster.Folder, "--port", cluster.Port.ToString());
        await cluster.StartAgainAsync();
        await Eventually.Until(ReadyAsync, s => s == HttpStatusCode.OK, "supervision is ready on its restored database", every: TimeSpan.FromMilliseconds(500));
        // The test's own idle connections were to the server that stopped: each holds its "terminating
        // connection" notice and would fail its next command. The services' pools found that out already.
        await using (var stale = new Npgsql.NpgsqlConnection(database)) Npgsql.NpgsqlConnection.ClearPool(stale);
        // The restore rewrote every row, so the trail is checked on what is written from here on, by this
        // test and by any test of the collection after it, whatever this one finds next.
        platform.RestoredAt["supervision"] = await Sql.ScalarAsync<long>(database, "SELECT txid_current()");

        Assert.Equal(counts.OrderBy(c => c.Key), (await Sql.TableCountsAsync(database)).OrderBy(c => c.Key));
        Assert.Equal(inbox, await Sql.CountAsync(database, "inbox_messages"));

        // And on: the next stream reaches the restored database, each effect once.
        var check = new ExactlyOnce(platform);
        var before = await check.TakeAsync();
        var next = await new FilingStream(platform).RunAsync("backup-next", p => p.Filed > 0, _ => Task.CompletedTask);
        await check.AssertAsync(next, before);
    }
}
