using Npgsql;

namespace TestInfrastructure;

/// <summary>A private PostgreSQL cluster in a folder of its own, started by deploy/local/postgres.sh.</summary>
public sealed class PrivatePostgres(string folder, int port)
{
    public string Folder { get; } = folder;
    public int Port { get; } = port;

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>Many hosts of many test processes share this one cluster, and a disposed host's pool
    /// lives on in its process: small pools that close idle connections soon keep the cluster within
    /// its connection limit.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=20;Connection Idle Lifetime=10;Connection Pruning Interval=2";

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
        return ConnectionString(name);
    }
}
