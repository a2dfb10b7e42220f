using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using TestInfrastructure;
using Xunit;

namespace Deployment.Tests;

/// <summary>The private RabbitMQ node and PostgreSQL cluster of ./run.sh and the tests (deploy/local):
/// they start from any folder their user can write, and when they cannot start, they stop at once
/// and say why, so ./run.sh can fail the start with their message instead of waiting for them.</summary>
public sealed class The_local_broker_and_database_start_or_say_why : IDisposable
{
    // A process that cannot start stops within seconds; this only bounds a test that would otherwise
    // hang, on a machine busy with every test project at once.
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    readonly string scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"park-local-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public async Task A_database_starts_from_a_folder_only_its_user_may_enter()
    {
        // A clone in root's home, or in a new user's home on Debian 12: mode 0700. Run as root, the
        // cluster's own user (postgres) cannot enter it.
        var home = Directory.CreateDirectory(Path.Combine(scratch, "home")).FullName;
        await Shell.RunAsync("chmod", "700", home);
        var folder = Path.Combine(home, "clone", ".local", "postgres");
        try
        {
            var postgres = await PrivatePostgres.StartAsync(folder);
            await using var connection = new NpgsqlConnection(postgres.AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            Assert.Equal(1, await command.ExecuteScalarAsync());
        }
        finally
        {
            await Shell.RunAsync(Repository.Script("deploy/local/postgres.sh"), "stop", folder);
        }
    }

    [Fact]
    public async Task A_database_whose_port_is_taken_stops_at_once_saying_so()
    {
        using var taken = Listen(out var port);
        var (exitCode, output) = await RunAsync("deploy/local/postgres.sh", "run", Path.Combine(scratch, "postgres"), port.ToString());
        Assert.NotEqual(0, exitCode);
        Assert.Contains("could not bind", output);
    }

    [Fact]
    public async Task A_broker_whose_port_is_taken_stops_at_once_saying_so()
    {
        using var taken = Listen(out var port);
        var (exitCode, output) = await RunAsync("deploy/local/rabbitmq.sh", "run", Path.Combine(scratch, "rabbitmq"), port.ToString());
        Assert.NotEqual(0, exitCode);
        Assert.Contains("eaddrinuse", output);
        Assert.Contains("RabbitMQ stopped by itself", output);
    }

    static TcpListener Listen(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    /// <summary>Runs a script in the foreground, as the AppHost does, until it stops by itself.</summary>
    static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Repository.Script(script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            // What it started, Dispose stops.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{script} still ran after {Patience}: {await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        Shell.Run(Repository.Script("deploy/local/stop-under.sh"), scratch);
        Directory.Delete(scratch, recursive: true);
    }
}
