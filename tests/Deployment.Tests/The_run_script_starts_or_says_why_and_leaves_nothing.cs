using System.Diagnostics;
using System.Text;
using TestInfrastructure;
using Xunit;

namespace Deployment.Tests;

/// <summary>./run.sh itself, run as a new user would, each run in a folder of its own inside a private
/// home (mode 0700, like root's home or a new user's on Debian 12): a dependency that cannot start fails
/// the start at once with its own message, never with "is ready"; the ready line comes only when the
/// gateway is ready; SIGTERM, during the start or after it, stops everything and leaves no process
/// behind. What is built already is run as it is (SKIP_BUILD: test.sh has built it all).</summary>
public sealed class The_run_script_starts_or_says_why_and_leaves_nothing : IDisposable
{
    // Bounds on a test that would otherwise hang, on a machine busy with every test project at once:
    // a start takes under a minute alone, but more than ten with every project starting its own
    // services beside it; a stop takes seconds. The script's own start timeout comes first, so a
    // start that never becomes ready fails with the orchestrator's log.
    static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(30);
    static readonly TimeSpan StartPatience = StartTimeout + TimeSpan.FromMinutes(5);
    static readonly TimeSpan StopPatience = TimeSpan.FromMinutes(3);

    readonly string _scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"park-run-{Guid.NewGuid():N}")).FullName;
    readonly string _marker = Guid.NewGuid().ToString("N");
    readonly string _folder;
    RunScript? _run;

    public The_run_script_starts_or_says_why_and_leaves_nothing()
    {
        var home = Directory.CreateDirectory(Path.Combine(_scratch, "home")).FullName;
        Shell.Run("chmod", "700", home);
        _folder = Path.Combine(home, "run");
    }

    [Fact]
    public async Task A_database_that_cannot_start_fails_the_start_at_once_with_its_own_message()
    {
        // Its folder cannot be made: a file stands where it would be.
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "postgres"), "not a folder");
        _run = RunScript.Start(_folder, _marker);

        var exitCode = await _run.ExitAsync(StartPatience);

        Assert.Equal(1, exitCode);
        Assert.Contains("postgres could not start", _run.Output);
        Assert.Contains("File exists", _run.Output);
        Assert.Contains("The platform failed to start", _run.Output);
        Assert.DoesNotContain("is ready", _run.Output);
        Assert.DoesNotContain("is not ready after", _run.Output);
        AssertNothingLeft();
    }

    [Fact]
    public async Task A_SIGTERM_during_the_start_stops_everything_it_started()
    {
        _run = RunScript.Start(_folder, _marker);
        // Mid-start: the broker and the database run, the services are not ready.
        await Eventually.Until(() => Task.FromResult(Processes().Count(p => p.Command.Contains("rabbitmq.sh") || p.Command.Contains("postgres.sh"))),
            count => count >= 2 || _run.HasExited, "the broker and the database start", StartPatience, TimeSpan.FromMilliseconds(200));
        Assert.False(_run.HasExited, _run.Output);

        _run.Terminate();
        var exitCode = await _run.ExitAsync(StopPatience);

        Assert.Equal(143, exitCode);
        Assert.Contains("Stopped.", _run.Output);
        Assert.DoesNotContain("is ready", _run.Output);
        // Stopped once and for all: the stop never returns into the start to begin it again.
        Assert.Single(Occurrences(_run.Output, "Starting RabbitMQ"));
        AssertNothingLeft();
    }

    [Fact]
    public async Task The_ready_line_comes_with_a_ready_gateway_and_a_SIGTERM_then_leaves_no_process()
    {
        _run = RunScript.Start(_folder, _marker);
        await Eventually.Until(() => Task.FromResult(_run.Output), o => o.Contains("Press Ctrl-C") || _run.HasExited,
            "the platform is ready", StartPatience, TimeSpan.FromMilliseconds(200));
        Assert.False(_run.HasExited, _run.Output + OrchestratorLog());

        var health = _run.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Health", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        using (var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(health)).StatusCode);
        Assert.Contains(Processes(), p => p.Command.Contains("Gateway.dll"));

        _run.Terminate();
        var exitCode = await _run.ExitAsync(StopPatience);

        Assert.Equal(143, exitCode);
        Assert.Contains("Stopped.", _run.Output);
        AssertNothingLeft();
    }

    /// <summary>The end of the orchestrator's log, which the scratch folder takes with it.</summary>
    string OrchestratorLog()
    {
        var log = Path.Combine(_folder, "apphost.log");
        if (!File.Exists(log)) return "";
        var lines = File.ReadAllLines(log);
        return "\napphost.log (last 60 lines):\n" + string.Join('\n', lines.TakeLast(60));
    }

    void AssertNothingLeft()
    {
        var left = Processes();
        Assert.True(left.Count == 0, "left behind: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.Command}")));
    }

    /// <summary>The processes of this test's run: those that carry its marker in their environment (every
    /// process it started inherits it) or name its folder, or the folder its database was moved to.</summary>
    List<(int Pid, string Command)> Processes()
    {
        var needles = new List<string> { _marker, _folder };
        if (Directory.Exists(Path.Combine(_folder, "postgres")) && new FileInfo(Path.Combine(_folder, "postgres", "data")).LinkTarget is { } relocated)
            needles.Add(relocated);
        var found = new List<(int, string)>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var command = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ');
                var environment = File.ReadAllText(Path.Combine(entry, "environ"));
                if (needles.Any(n => command.Contains(n) || environment.Contains(n))) found.Add((pid, command));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        return found;
    }

    static IEnumerable<int> Occurrences(string text, string what)
    {
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal))
            yield return at;
    }

    public void Dispose()
    {
        if (_run is { HasExited: false })
        {
            _run.Terminate();
            _run.ExitAsync(StopPatience).GetAwaiter().GetResult();
        }
        _run?.Dispose();
        Shell.Run(Repository.Script("deploy/local/stop-under.sh"), _scratch);
        Directory.Delete(_scratch, recursive: true);
    }

    /// <summary>./run.sh with its output gathered as it comes.</summary>
    sealed class RunScript : IDisposable
    {
        readonly Process _process;
        readonly StringBuilder _output = new();

        RunScript(Process process) => _process = process;

        public string Output { get { lock (_output) return _output.ToString(); } }
        public bool HasExited => _process.HasExited;

        public static RunScript Start(string folder, string marker)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Repository.Script("run.sh"));
            start.Environment["RUN_FOLDER"] = folder;
            start.Environment["SKIP_BUILD"] = "1";
            start.Environment["PARK_RUN_MARKER"] = marker;
            start.Environment.Remove("GATEWAY_PORT");
            start.Environment["START_TIMEOUT"] = ((int)StartTimeout.TotalSeconds).ToString();
            var process = new Process { StartInfo = start };
            var run = new RunScript(process);
            process.OutputDataReceived += (_, e) => run.Append(e.Data);
            process.ErrorDataReceived += (_, e) => run.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return run;
        }

        void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }

        public void Terminate() => Shell.Run("kill", "-TERM", _process.Id.ToString());

        public async Task<int> ExitAsync(TimeSpan patience)
        {
            using var waiting = new CancellationTokenSource(patience);
            try
            {
                await _process.WaitForExitAsync(waiting.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"./run.sh still ran after {patience}: {Output}");
            }
            return _process.ExitCode;
        }

        public void Dispose() => _process.Dispose();
    }
}
