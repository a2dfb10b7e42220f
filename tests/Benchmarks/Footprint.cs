namespace Benchmarks;

/// <summary>Memory of a process and its descendants, from /proc: resident (RSS, each process counts every
/// page it maps) and proportional (PSS, a page shared by n processes counts 1/n in each, so the sum over
/// processes is what they occupy together). PostgreSQL's backends and RabbitMQ's helpers are children of
/// their server process.</summary>
static class Footprint
{
    public readonly record struct Megabytes(double Resident, double Proportional)
    {
        public static Megabytes operator +(Megabytes a, Megabytes b) => new(a.Resident + b.Resident, a.Proportional + b.Proportional);
    }

    /// <summary>The process whose id the file holds (first line: a pid file, postmaster.pid) and its descendants.</summary>
    public static Megabytes OfTreeFromPidFile(string pidFile) =>
        File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault()?.Trim(), out var pid) ? OfTree(pid) : default;

    public static Megabytes OfTree(int root)
    {
        // After the command in parentheses: the state, then the parent's id.
        var children = ProcStat.All().ToLookup(p => int.Parse(p.Fields[1]), p => p.Pid);
        var total = default(Megabytes);
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            total += Of(pid);
            foreach (var child in children[pid]) pending.Push(child);
        }
        return total;
    }

    public static Megabytes Of(int pid)
    {
        try
        {
            var rollup = File.ReadAllLines($"/proc/{pid}/smaps_rollup");
            double Field(string name) => double.Parse(rollup.First(l => l.StartsWith(name)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
            return new(Field("Rss:"), Field("Pss:"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { return default; }
    }
}
