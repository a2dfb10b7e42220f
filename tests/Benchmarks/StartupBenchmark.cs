using System.Diagnostics;
using System.Text.RegularExpressions;
using TestInfrastructure;

namespace Benchmarks;

/// <summary>Time from <c>./run.sh</c> to ready, as a user meets it: the script is started, its incremental
/// build timed to the line it prints once the build is done, the platform's start to the line it prints
/// once the gateway reports every service ready (its own count, in seconds); then it is stopped as Ctrl-C
/// would.</summary>
static partial class StartupBenchmark
{
    public sealed record Result(double BuildSeconds, int ReadySeconds, bool FirstStart);

    public static async Task<Result?> RunAsync()
    {
        if (Process.GetProcesses().Any(p => p.ProcessName == "dotnet" && CommandLine(p.Id).Contains("AppHost.dll")))
        {
            Console.WriteLine("  ./run.sh is already running here: its start is not measured");
            return null;
        }
        var firstStart = !Directory.Exists(Repository.LocalFolder("run", "postgres"));
        var psi = new ProcessStartInfo("bash", "./run.sh") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var run = Process.Start(psi)!;
        _ = run.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        double? built = null;
        int? ready = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        try
        {
            while (await run.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (built is null && line.StartsWith("Starting ")) built = clock.Elapsed.TotalSeconds;
                if (ReadyLine().Match(line) is { Success: true } m) { ready = int.Parse(m.Groups[1].Value); break; }
            }
        }
        finally
        {
            // As Ctrl-C: the script's trap stops the orchestrator and everything it started.
            if (!run.HasExited) await Shell.RunAsync("kill", "-TERM", run.Id.ToString());
            await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        }
        return ready is { } seconds ? new(built ?? double.NaN, seconds, firstStart) : null;
    }

    static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    [GeneratedRegex(@"is ready after (\d+) s")]
    private static partial Regex ReadyLine();
}
