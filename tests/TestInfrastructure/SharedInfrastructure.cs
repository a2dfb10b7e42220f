using System.Diagnostics;
using System.Net.Sockets;

namespace TestInfrastructure;

/// <summary>The private RabbitMQ node and PostgreSQL cluster of one test run, shared by every test
/// and every test process of the run (test.sh names the run in PARK_TEST_RUN). The first process
/// starts them; the last to leave stops them; a watchdog stops them if the processes die.</summary>
public sealed class SharedInfrastructure
{
    static readonly Lazy<Task<SharedInfrastructure>> Instance = new(AcquireAsync);

    SharedInfrastructure(string root, PrivatePostgres postgres, PrivateRabbitMq rabbitMq)
    {
        Root = root;
        Postgres = postgres;
        RabbitMq = rabbitMq;
    }

    public string Root { get; }
    public PrivatePostgres Postgres { get; }
    public PrivateRabbitMq RabbitMq { get; }

    public static Task<SharedInfrastructure> GetAsync() => Instance.Value;

    /// <summary>A folder of this run for a test's own files (logs, a private cluster of its own).</summary>
    public string Folder(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    static async Task<SharedInfrastructure> AcquireAsync()
    {
        var run = Environment.GetEnvironmentVariable("PARK_TEST_RUN") is { Length: > 0 } named ? named : $"p{Environment.ProcessId}";
        var root = Repository.LocalFolder("test-runs", run);
        Directory.CreateDirectory(Path.Combine(root, "users"));
        Directory.CreateDirectory(Path.Combine(root, "services"));

        SharedInfrastructure infrastructure;
        using (await RunLock.TakeAsync(root))
        {
            infrastructure = await AttachAsync(root) ?? await StartAsync(root);
            File.WriteAllText(Path.Combine(root, "users", Environment.ProcessId.ToString()), "");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Release(root);
        return infrastructure;
    }

    static async Task<SharedInfrastructure?> AttachAsync(string root)
    {
        var state = Path.Combine(root, "state");
        if (!File.Exists(state)) return null;
        var lines = File.ReadAllLines(state);
        var infrastructure = new SharedInfrastructure(root,
            new PrivatePostgres(Path.Combine(root, "postgres"), int.Parse(lines[0])),
            new PrivateRabbitMq(Path.Combine(root, "rabbitmq"), lines[1]));
        var rabbitPort = new Uri(infrastructure.RabbitMq.Uri).Port;
        return await Listens(infrastructure.Postgres.Port) && await Listens(rabbitPort) ? infrastructure : null;
    }

    static async Task<SharedInfrastructure> StartAsync(string root)
    {
        var postgres = PrivatePostgres.StartAsync(Path.Combine(root, "postgres"));
        var rabbitMq = PrivateRabbitMq.StartAsync(Path.Combine(root, "rabbitmq"));
        try { await Task.WhenAll(postgres, rabbitMq); }
        catch
        {
            // No watchdog yet: what did start is stopped here, or it would outlive the run.
            try { Shell.Run(Repository.Script("deploy/local/stop-under.sh"), root); }
            catch (InvalidOperationException) { }
            throw;
        }
        File.WriteAllLines(Path.Combine(root, "state"), [postgres.Result.Port.ToString(), rabbitMq.Result.Uri]);

        // Detached from this process's pipes and session, so it outlives a crashed test host.
        var watchdog = Path.Combine(AppContext.BaseDirectory, "watchdog.sh");
        using var start = Process.Start(new ProcessStartInfo("/bin/bash")
        {
            ArgumentList = { "-c", $"setsid bash '{watchdog}' '{root}' '{Repository.Root}' > /dev/null 2>&1 < /dev/null &" },
            UseShellExecute = false,
        })!;
        await start.WaitForExitAsync();
        return new SharedInfrastructure(root, postgres.Result, rabbitMq.Result);
    }

    static void Release(string root)
    {
        try
        {
            using var _ = RunLock.TakeAsync(root).GetAwaiter().GetResult();
            File.Delete(Path.Combine(root, "users", Environment.ProcessId.ToString()));
            ServiceProcess.KillAllOfThisProcess();
            var others = Directory.EnumerateFiles(Path.Combine(root, "users"))
                .Any(f => int.TryParse(Path.GetFileName(f), out var pid) && IsAlive(pid));
            if (others) return;
            // The test host may be cut short after its tests: the quick stop first. What does not
            // finish here, the watchdog finishes.
            Shell.Run(Repository.Script("deploy/local/postgres.sh"), "stop", Path.Combine(root, "postgres"));
            Shell.Run(Repository.Script("deploy/local/rabbitmq.sh"), "stop", Path.Combine(root, "rabbitmq"));
            File.Delete(Path.Combine(root, "state"));
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Releasing the test infrastructure failed; the watchdog will stop it: {ex.Message}");
            return;
        }
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static bool IsAlive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    static async Task<bool> Listens(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception) { return false; }
    }
}

/// <summary>An exclusive lock across the processes of one run (flock, which the watchdog's
/// `flock` shares).</summary>
static class RunLock
{
    public static async Task<IDisposable> TakeAsync(string root)
    {
        var path = Path.Combine(root, "lock");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
        }
    }
}
