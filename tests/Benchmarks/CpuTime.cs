namespace Benchmarks;

/// <summary>CPU time (user + system) consumed by every process of the machine between two readings of
/// /proc, grouped by a label: the platform's own processes by name, the rest by command (postgres,
/// beam.smp for RabbitMQ). Tells where a phase's cycles went on a machine whose cores all share.</summary>
sealed class CpuTime
{
    static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    readonly Dictionary<int, (string Command, long Ticks)> _start = Read();

    public Dictionary<string, double> SecondsSince(IReadOnlyDictionary<int, string> labels)
    {
        var seconds = new Dictionary<string, double>();
        foreach (var (pid, (command, ticks)) in Read())
        {
            var spent = ticks - (_start.TryGetValue(pid, out var before) && before.Command == command ? before.Ticks : 0);
            if (spent <= 0) continue;
            var label = labels.TryGetValue(pid, out var name) ? name : command;
            seconds[label] = seconds.GetValueOrDefault(label) + spent / TicksPerSecond;
        }
        return seconds;
    }

    // Fields after the command: state is [0], utime [11], stime [12].
    static Dictionary<int, (string, long)> Read() =>
        ProcStat.All().ToDictionary(p => p.Pid, p => (p.Command, long.Parse(p.Fields[11]) + long.Parse(p.Fields[12])));
}

/// <summary>/proc/PID/stat of every process: its command and the fields after it.</summary>
static class ProcStat
{
    public static IEnumerable<(int Pid, string Command, string[] Fields)> All()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            var (open, close) = (stat.IndexOf('('), stat.LastIndexOf(')'));
            yield return (pid, stat[(open + 1)..close], stat[(close + 2)..].Split(' '));
        }
    }
}
