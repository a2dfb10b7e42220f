using Npgsql;

namespace TestInfrastructure;

/// <summary>A private PostgreSQL cluster in a folder of its own, started by deploy/local/postgres.sh.</summary>
public sealed class PrivatePostgres(string folder, int port)
{
    public string Folder { get; } = folder;
    public int Port { get; } = port;

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=120";

    /// <summary>Many hosts of many test processes share this one cluster, and a disposed host's pool
    /// lives on in its process: small pools that close idle connections soon keep the cluster within
    /// its connection limit.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=20;Connection Idle Lifetime=10;Connection Pruning Interval=2";

    /// <summary>The user services connect as: it owns nothing, and gets its grants from the migrations.</summary>
    public const string ServiceUser = "park_service";

    public static string AsServiceUser(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = ServiceUser }.ConnectionString;

    public static async Task<PrivatePostgres> StartAsync(string folder)
    {
        var port = int.Parse(await Shell.RunAsync(Repository.Script("deploy/local/postgres.sh"), "start", folder, "fast"));
        return new PrivatePostgres(folder, port);
    }

    public Task StartAgainAsync() => Shell.RunAsync(Repository.Script("deploy/local/postgres.sh"), "start", Folder, "fast");

    public Task StopAsync() => Shell.RunAsync(Repository.Script("deploy/local/postgres.sh"), "stop", Folder);

    /// <summary>A new, empty database: each test class gets its own, so none sees another's rows.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        // Test processes create databases at once: the role may appear between the check and the create.
        await using var role = new NpgsqlCommand($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ServiceUser}') THEN CREATE ROLE {ServiceUser} LOGIN; END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
            """, connection);
        await role.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }
}
