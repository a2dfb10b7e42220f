using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>The processes a dependency failure stops the start for (the broker and the database, which
/// every service waits for), and those restarted when they stop unexpectedly (all of them).</summary>
/// <summary>Launcher: the process that started the AppHost and stops it (./run.sh), if any.</summary>
sealed record WatchedProcesses(IReadOnlySet<string> Dependencies, IReadOnlySet<string> All, int? Launcher);

/// <summary>Does for the processes on this machine what Kubernetes does for pods. A process that stops
/// unexpectedly is started again after a back-off doubling from 1 s to a minute (CrashLoopBackOff),
/// counted afresh once it has stayed up ten minutes. A dependency that stops before it was ever
/// healthy cannot be started again to any purpose (its port is taken, its data unreadable, it is not
/// installed): the start fails at once with the dependency's last log lines, rather than every
/// service waiting for it. What it does is written to standard output, where ./run.sh shows it to the
/// operator (the AppHost's own logs go to standard error). It watches from before the start:
/// Aspire's own start (a hosted service ahead of this one) lasts until every process has started.</summary>
sealed class ProcessWatch(
    WatchedProcesses watched,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService logs,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<ProcessWatch> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>Exit code of the AppHost when a dependency could not start: ./run.sh does not retry it.</summary>
    public const int DependencyFailed = 3;

    static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);
    static readonly TimeSpan LongestBackOff = TimeSpan.FromMinutes(1);
    static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(10);

    readonly Dictionary<string, ProcessRecord> records = [];
    readonly CancellationTokenSource stopping = new();
    Task watching = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        watching = Task.WhenAll(
            Task.Run(() => WatchAsync(stopping.Token), CancellationToken.None),
            Task.Run(() => WatchLauncherAsync(stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await watching.WaitAsync(cancellationToken);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => stopping.Dispose();

    async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                var name = change.Resource.Name;
                if (!watched.All.Contains(name)) continue;
                var record = records.TryGetValue(name, out var known) ? known : records[name] = new ProcessRecord();
                var snapshot = change.Snapshot;
                var state = snapshot.State?.Text;
                var previous = record.State;
                record.State = state;
                if (previous != state) logger.LogInformation("{Resource}: {State} (exit code {ExitCode})", name, state, snapshot.ExitCode);
                if (state == KnownResourceStates.Running)
                {
                    record.RunningSince ??= clock.GetUtcNow();
                    if (snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                        record.WasHealthy = true;
                    continue;
                }
                // A stop is announced more than once (its exit code follows): act on the first. One
                // asked for (the dashboard's Stop command) passes through Stopping: it stays stopped.
                if (!IsStop(state) || IsStop(previous) || previous == KnownResourceStates.Stopping
                    || lifetime.ApplicationStopping.IsCancellationRequested) continue;

                if (watched.Dependencies.Contains(name) && !record.WasHealthy)
                {
                    await FailStartAsync(change.Resource, state!, snapshot.ExitCode);
                    return;
                }
                _ = RestartAsync(change.Resource, record, snapshot.ExitCode, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Watching the processes failed: none is restarted any more");
            Say($"Watching the processes failed: none is restarted any more ({ex.Message})");
        }
    }

    /// <summary>./run.sh killed outright (SIGKILL) cannot stop the platform: it stops by itself.</summary>
    async Task WatchLauncherAsync(CancellationToken stoppingToken)
    {
        if (watched.Launcher is not { } launcher) return;
        try
        {
            while (IsAlive(launcher)) await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            Say($"The process that started the platform ({launcher}) is gone; stopping everything.");
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static bool IsStop(string? state) =>
        state == KnownResourceStates.Exited || state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart;

    async Task FailStartAsync(IResource resource, string state, int? exitCode)
    {
        Say($"{resource.Name} could not start ({Describe(state, exitCode)}). The end of its log:");
        var lines = new List<LogLine>();
        await foreach (var batch in logs.GetAllAsync(resource)) lines.AddRange(batch);
        foreach (var line in lines.OrderBy(l => l.LineNumber).Select(l => WithoutTimestamp(l.Content)).Where(IsFromTheProcess).TakeLast(20))
            Say("  " + line);
        Environment.ExitCode = DependencyFailed;
        lifetime.StopApplication();
    }

    async Task RestartAsync(IResource resource, ProcessRecord record, int? exitCode, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        if (record.RunningSince is { } since && now - since >= StableAfter) record.Restarts = 0;
        record.RunningSince = null;
        var backOff = TimeSpan.FromTicks(Math.Min(FirstBackOff.Ticks << Math.Min(record.Restarts, 16), LongestBackOff.Ticks));
        record.Restarts++;
        Say($"{resource.Name} stopped unexpectedly ({Describe(KnownResourceStates.Exited, exitCode)}); restarting in {backOff.TotalSeconds:0} s (restart {record.Restarts}) ...");
        try
        {
            await Task.Delay(backOff, clock, stoppingToken);
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                Say($"{resource.Name} could not be restarted: {result.Message}");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Restarting {Resource} failed", resource.Name);
            Say($"{resource.Name} could not be restarted: {ex.Message}");
        }
    }

    // Aspire writes each line with its time, and lines of its own beside the process's.
    static string WithoutTimestamp(string line) => line.Length > 0 && char.IsDigit(line[0]) && line.IndexOf("Z ", StringComparison.Ordinal) is var end and > 0
        ? line[(end + 2)..]
        : line;

    static bool IsFromTheProcess(string line) =>
        !line.StartsWith("[sys]", StringComparison.Ordinal) && !line.StartsWith("No custom certificate authorities", StringComparison.Ordinal);

    static string Describe(string state, int? exitCode) => exitCode switch
    {
        // A process killed by a signal, as the shell and Kubernetes would say.
        < 0 => "killed",
        { } code => $"exit {code}",
        null when state == KnownResourceStates.FailedToStart => "it failed to start",
        null => "no exit code",
    };

    void Say(string line)
    {
        logger.LogWarning("{Line}", line);
        Console.Out.WriteLine(line);
    }

    sealed class ProcessRecord
    {
        public bool WasHealthy { get; set; }
        public string? State { get; set; }
        public int Restarts { get; set; }
        public DateTimeOffset? RunningSince { get; set; }
    }
}
