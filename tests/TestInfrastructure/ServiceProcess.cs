using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace TestInfrastructure;

/// <summary>A service run as its own operating-system process from the build output, so a test can
/// kill it with SIGKILL mid-flow and start it again, as a crash in production would.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    static readonly ConcurrentDictionary<int, Process> Running = new();
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    readonly string _project;
    readonly IReadOnlyDictionary<string, string> _settings;
    readonly SharedInfrastructure _infrastructure;
    readonly string _log;
    Process? _process;

    ServiceProcess(string project, IReadOnlyDictionary<string, string> settings, SharedInfrastructure infrastructure, int? port = null)
    {
        _project = project;
        _settings = settings;
        _infrastructure = infrastructure;
        Port = port ?? FreePort();
        _log = Path.Combine(infrastructure.Folder("logs"), $"{project}-{Port}.log");
    }

    /// <summary>Where the deployables are taken from: the build output unless a benchmark points at
    /// published output (ReadyToRun, as the images ship): <c>{folder}/{project}/{project}.dll</c>.</summary>
    public static string? PublishedUnder { get; set; }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    /// <summary>The operating-system process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Starts <paramref name="project"/> from the build output and waits until it is ready;
    /// on <paramref name="port"/> when others must know the address before it starts.</summary>
    public static async Task<ServiceProcess> StartAsync(string project, IReadOnlyDictionary<string, string> settings, SharedInfrastructure infrastructure, int? port = null)
    {
        var service = new ServiceProcess(project, settings, infrastructure, port);
        await service.StartAsync();
        return service;
    }

    public async Task StartAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        // A restarted service binds the port it had, so the others keep its address; in the meantime
        // any process's outgoing connection may have been given that port as its own. It is tried again
        // once that connection is gone, as an orchestrator restarts a pod that failed to bind.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync(overrides);
                return;
            }
            catch (InvalidOperationException) when (attempt < 10 && LastLines(_log, 30).Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await Eventually.Until(() => Task.FromResult(IsFree(Port)), free => free, $"port {Port} free again", TimeSpan.FromMinutes(5));
            }
        }
    }

    /// <summary>Runs a command of <paramref name="project"/> (<c>dotnet Gateway.dll setup-code</c>) with the
    /// settings a process of it would have, as an operator does on its host, and waits until it ends.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(string project, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var dll = Deployable(project);
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) psi.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await output, await errors);
    }

    static string Deployable(string project)
    {
        var configuration = Path.GetFileName(AppContext.BaseDirectory.TrimEnd('/'));
        var dll = PublishedUnder is { } published
            ? Path.Combine(published, project, $"{project}.dll")
            : Path.Combine(Repository.Root, "artifacts", "bin", project, configuration, $"{project}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first: {dll} is missing.");
    }

    async Task StartOnceAsync(IReadOnlyDictionary<string, string>? overrides)
    {
        var dll = Deployable(_project);

        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _settings) psi.Environment[key.Replace(":", "__")] = value;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) psi.Environment[key.Replace(":", "__")] = value;

        var process = Process.Start(psi)!;
        _process = process;
        Running[process.Id] = process;
        // The run's watchdog kills what a crashed test host leaves behind.
        File.WriteAllText(Path.Combine(_infrastructure.Folder("services"), process.Id.ToString()), _project);
        var log = new StreamWriter(_log, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Patient: several services start at once on a loaded machine (under a load of 100 on two
        // cores, one took over three minutes to migrate its database and start).
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit();   // the last lines of its output are in the log
                throw new InvalidOperationException($"{_project} exited with {process.ExitCode} while starting; see {_log}; it ended with:\n{LastLines(_log, 30)}");
            }
            try
            {
                using var response = await Http.GetAsync(new Uri(BaseAddress, "/health/ready"));
                // Ready, and its bus connected with every queue bound (the bus starts in the background,
                // and an event published before a consumer's queue is bound reaches nobody).
                if (response.IsSuccessStatusCode && BrokerConnected(await response.Content.ReadAsStringAsync())) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{_project} did not become ready; see {_log}; it last said:\n{LastLines(_log, 30)}");
    }

    static bool BrokerConnected(string readiness) =>
        !readiness.Contains("\"broker\":") || readiness.Contains("\"broker\":{\"status\":\"Healthy\"");

    static string LastLines(string log, int count)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var lines = new Queue<string>();
            while (reader.ReadLine() is { } line) { lines.Enqueue(line); if (lines.Count > count) lines.Dequeue(); }
            return string.Join("\n", lines);
        }
        catch (IOException) { return "(no log)"; }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as a crashed node.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Running.TryRemove(_process.Id, out _);
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod, and waits until the process has exited (after its drain
    /// and whatever it was finishing).</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        await SignalAsync("TERM");
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await _process.WaitForExitAsync(patience.Token);
        Running.TryRemove(_process.Id, out _);
    }

    /// <summary>Where the process writes its output (every start of it, one after the other).</summary>
    public string LogFile => _log;

    /// <summary>SIGSTOP and SIGCONT: the process keeps its state (warm code, connections) but does
    /// nothing meanwhile, so a benchmark can hold one part of the pipeline back.</summary>
    public Task PauseAsync() => SignalAsync("STOP");
    public Task ResumeAsync() => SignalAsync("CONT");

    async Task SignalAsync(string signal)
    {
        if (_process is not { HasExited: false } p) throw new InvalidOperationException($"{_project} is not running.");
        await Shell.RunAsync("kill", $"-{signal}", p.Id.ToString());
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    internal static void KillAllOfThisProcess()
    {
        foreach (var process in Running.Values)
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
